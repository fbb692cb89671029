import { z } from 'zod';

/** How each enrolled person took part in a session. Feedback is asked only of those who attended. */
export const AttendanceStatus = {
  PRESENT: 'PRESENT',
  ABSENT: 'ABSENT',
  /** Absent, having said so beforehand. */
  APOLOGIES: 'APOLOGIES',
  /** Joined after the start. */
  LATE: 'LATE',
} as const;
export type AttendanceStatus = (typeof AttendanceStatus)[keyof typeof AttendanceStatus];

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  PRESENT: 'Present',
  ABSENT: 'Absent',
  APOLOGIES: 'Sent apologies',
  LATE: 'Joined late',
};

export const attendanceStatusSchema = z.enum(AttendanceStatus, { error: 'Choose present, absent, sent apologies or joined late.' });

/** Whether someone marked this way took part, and so may be asked for feedback. */
export function attended(status: AttendanceStatus): boolean {
  return status === AttendanceStatus.PRESENT || status === AttendanceStatus.LATE;
}
