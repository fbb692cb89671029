import type { AttendanceStatus, PersonalDataKind } from '@lena/graphql-client';

/** The register's choices, in the order a facilitator meets them. */
export const ATTENDANCE_CHOICES: { value: AttendanceStatus; label: string }[] = [
  { value: 'PRESENT', label: 'Present' },
  { value: 'LATE', label: 'Joined late' },
  { value: 'APOLOGIES', label: 'Sent apologies' },
  { value: 'ABSENT', label: 'Absent' },
];

export const attendanceLabel: Record<AttendanceStatus, string> = {
  PRESENT: 'Present',
  LATE: 'Joined late',
  APOLOGIES: 'Sent apologies',
  ABSENT: 'Absent',
};

export const personalDataLabel: Record<PersonalDataKind, string> = {
  NAME: 'A name',
  EMAIL: 'An email address',
  PHONE: 'A phone number',
  DATE_OF_BIRTH: 'A date of birth',
};

/** The form field a warning's `field` names, as a person reads it. */
export function noteFieldLabel(field: string): string {
  if (field === 'caseSummaries') return 'Case summaries';
  if (field === 'strategies') return 'Strategies agreed';
  if (field === 'themeLine') return 'One line on the session';
  const item = /^actionItems\.(\d+)\.text$/.exec(field);
  return item ? `Action item ${Number(item[1]) + 1}` : field;
}
