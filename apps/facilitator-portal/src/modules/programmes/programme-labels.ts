import type { Cadence, ConflictKind, DeliveryMode, GroupMembership, ProgrammeStatus, Role } from '@lena/graphql-client';
import { formatDateTime } from '@lena/ui';

export const programmeStatusLabel: Record<ProgrammeStatus, string> = {
  REQUESTED: 'Requested',
  PROPOSED: 'Awaiting acceptance',
  ACCEPTED: 'Accepted',
  ACTIVE: 'Running',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
};

export const deliveryModeLabel: Record<DeliveryMode, string> = {
  ONLINE: 'Online (video link)',
  IN_PERSON: 'In person',
  HYBRID: 'Hybrid (in person, some joining by video)',
};

export const membershipLabel: Record<GroupMembership, string> = {
  CLOSED: 'Closed: the same members throughout',
  OPEN: 'Open: new members join future sessions',
};

export const conflictKindLabel: Record<ConflictKind, string> = {
  DOUBLE_BOOKING: 'Double booking',
  OUTSIDE_WORKING_HOURS: 'Outside working hours',
  TIME_OFF: 'Time off',
};

/** What the pipeline says is waiting, and on whom, by the programme's status. */
export function waitingText(status: ProgrammeStatus, waitingOn: Role | null | undefined): string {
  if (waitingOn === 'PLATFORM_ADMIN') return status === 'REQUESTED' ? 'Lena: propose facilitators and a schedule' : 'Lena';
  if (waitingOn === 'ORG_ADMIN') return status === 'PROPOSED' ? 'The organisation: accept the proposal or ask for changes' : 'The organisation';
  return 'Nobody';
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'] as const;

function ordinalDay(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  return `${day}${suffix}`;
}

/**
 * The cadence choices in words for the chosen first date ("Monthly, on the third Tuesday"): every
 * cadence is anchored on that date, so the words say what the date makes of it.
 */
export function cadenceOptions(startDate: string): { value: Cadence; label: string }[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  const valid = date && !Number.isNaN(date.getTime()) && date.getUTCDate() === Number(match?.[3]);
  if (!valid) {
    return [
      { value: 'WEEKLY', label: 'Weekly' },
      { value: 'FORTNIGHTLY', label: 'Fortnightly' },
      { value: 'MONTHLY_NTH_WEEKDAY', label: 'Monthly, on the same weekday of the month (such as the second Tuesday)' },
      { value: 'MONTHLY_LAST_WEEKDAY', label: 'Monthly, on the last weekday of that kind (such as the last Friday)' },
      { value: 'MONTHLY_DAY', label: 'Monthly, on the same date' },
    ];
  }
  const weekday = WEEKDAYS[date.getUTCDay()]!;
  const day = date.getUTCDate();
  const nth = ORDINALS[Math.ceil(day / 7) - 1]!;
  return [
    { value: 'WEEKLY', label: `Weekly, on ${weekday}s` },
    { value: 'FORTNIGHTLY', label: `Fortnightly, on ${weekday}s` },
    { value: 'MONTHLY_NTH_WEEKDAY', label: `Monthly, on the ${nth} ${weekday}` },
    { value: 'MONTHLY_LAST_WEEKDAY', label: `Monthly, on the last ${weekday}` },
    { value: 'MONTHLY_DAY', label: `Monthly, on the ${ordinalDay(day)}` },
  ];
}

const weekdayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Tuesday 19 January 2027, 14:00–15:30 GMT": one session in one zone. */
export function sessionTimeText(startsAt: string, endsAt: string, timeZone: string): string {
  const start = formatDateTime(startsAt, { timeZone });
  const end = formatDateTime(endsAt, { timeZone });
  if (!start || !end) return `${startsAt} to ${endsAt}`;
  let weekday = weekdayFormatters.get(timeZone);
  if (!weekday) {
    weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone });
    weekdayFormatters.set(timeZone, weekday);
  }
  const [, startDay, startTime, zone] = /^(.*), (\d\d:\d\d) (.*)$/.exec(start) ?? [];
  const [, endDay, endTime] = /^(.*), (\d\d:\d\d) (.*)$/.exec(end) ?? [];
  const day = `${weekday.format(new Date(startsAt))} ${startDay}`;
  // A session that runs past midnight names both days.
  return endDay === startDay ? `${day}, ${startTime}–${endTime} ${zone}` : `${day}, ${startTime} ${zone} to ${end}`;
}
