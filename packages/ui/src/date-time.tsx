export interface FormatDateTimeOptions {
  /** IANA zone; defaults to the viewer's own zone as the browser reports it. */
  timeZone?: string;
  /** Date only: "27 November 2026". */
  dateOnly?: boolean;
  /** With seconds, for something read moments ago: "27 November 2026, 14:30:05 GMT". */
  withSeconds?: boolean;
}

/** The zone the browser runs in, e.g. Europe/London. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, dateOnly: boolean, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${dateOnly}|${withSeconds}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }),
      ...(withSeconds && !dateOnly ? { second: '2-digit' } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an ISO timestamp the British way in the given zone: "27 November 2026, 14:30 GMT"
 * (or "27 November 2026" with `dateOnly`, "…, 14:30:05 GMT" with `withSeconds`). Returns null when
 * the value is not a valid date.
 */
export function formatDateTime(iso: string, options: FormatDateTimeOptions = {}): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const timeZone = options.timeZone ?? viewerTimeZone();
  const dateOnly = options.dateOnly ?? false;
  const withSeconds = options.withSeconds ?? false;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone, dateOnly, withSeconds).formatToParts(date)) parts[part.type] = part.value;
  const day = `${parts.day} ${parts.month} ${parts.year}`;
  if (dateOnly) return day;
  const time = withSeconds ? `${parts.hour}:${parts.minute}:${parts.second}` : `${parts.hour}:${parts.minute}`;
  return `${day}, ${time} ${zoneAbbreviation(date, timeZone, parts.timeZoneName ?? '')}`;
}

/**
 * British English names few zones beyond GMT/BST ("GMT-5" for New York). Where American English
 * has a common abbreviation (EST, PDT) use that; otherwise keep the offset form.
 */
function zoneAbbreviation(date: Date, timeZone: string, britishName: string): string {
  if (!/^(GMT|UTC)[+-]/.test(britishName)) return britishName;
  let american = americanZoneNames.get(timeZone);
  if (!american) {
    american = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    americanZoneNames.set(timeZone, american);
  }
  const name = american.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
  return /^[A-Z]{2,5}$/.test(name) ? name : britishName;
}

const americanZoneNames = new Map<string, Intl.DateTimeFormat>();

export interface DateTimeProps extends FormatDateTimeOptions {
  /** An ISO 8601 timestamp from the API. */
  value: string | null | undefined;
  /** Shown when there is no value, e.g. "Not yet". */
  fallback?: string;
}

/** A `<time>` element showing the timestamp in the viewer's time zone, with the zone named. */
export function DateTime({ value, fallback = '—', ...options }: DateTimeProps) {
  const text = value ? formatDateTime(value, options) : null;
  if (!value || text === null) return <span>{fallback}</span>;
  return <time dateTime={value}>{text}</time>;
}
