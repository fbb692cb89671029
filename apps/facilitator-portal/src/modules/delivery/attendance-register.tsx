import { MarkAttendanceDocument, describeError, type AttendanceEntryFieldsFragment, type AttendanceStatus } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { Alert, Section } from '@lena/ui';
import { useState } from 'react';
import { ATTENDANCE_CHOICES, attendanceLabel } from './delivery-labels.js';

interface AttendanceRegisterProps {
  sessionId: string;
  register: readonly AttendanceEntryFieldsFragment[];
  /** False once the session is delivered (reopening it opens the register again) or before it opens. */
  open: boolean;
  closedReason: string;
}

/**
 * One row per person, one tap per mark. Each choice is a toggle button (aria-pressed), so the
 * state reads the same to a screen reader as it looks; the mark is sent at once and is safe to
 * send twice (the API makes a repeat a no-op), so a double tap or a retry after a lost signal is
 * harmless.
 */
export function AttendanceRegister({ sessionId, register, open, closedReason }: AttendanceRegisterProps) {
  const [mark] = useMutation(MarkAttendanceDocument);
  // What this page has marked since it loaded (the API's answer), over the register it loaded with.
  const [marked, setMarked] = useState<Record<string, AttendanceStatus>>({});
  const [sending, setSending] = useState<Record<string, AttendanceStatus | undefined>>({});
  const [failed, setFailed] = useState<{ userId: string; message: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const choose = async (person: AttendanceEntryFieldsFragment, status: AttendanceStatus) => {
    setFailed(null);
    setSending((current) => ({ ...current, [person.userId]: status }));
    try {
      const { data } = await mark({ variables: { input: { sessionId, userId: person.userId, status } } });
      const saved = data?.markAttendance.status ?? status;
      setMarked((current) => ({ ...current, [person.userId]: saved }));
      setAnnouncement(`${person.displayName}: ${attendanceLabel[saved].toLowerCase()}.`);
    } catch (error) {
      setFailed({ userId: person.userId, message: describeError(error).message });
    } finally {
      setSending((current) => ({ ...current, [person.userId]: undefined }));
    }
  };

  const counts = register.reduce<Record<string, number>>((totals, person) => {
    const status = marked[person.userId] ?? person.status;
    const key = status ?? 'UNMARKED';
    return { ...totals, [key]: (totals[key] ?? 0) + 1 };
  }, {});

  return (
    <Section title="Register">
      {!open ? <p className="lena-muted">{closedReason}</p> : null}
      {register.length === 0 ? (
        <p>Nobody is enrolled in this programme yet.</p>
      ) : (
        <>
          <p className="lena-muted">
            {counts.UNMARKED ? `${counts.UNMARKED} not marked yet. ` : 'Everyone is marked. '}
            {ATTENDANCE_CHOICES.filter((choice) => counts[choice.value])
              .map((choice) => `${attendanceLabel[choice.value]}: ${counts[choice.value]}`)
              .join(', ')}
          </p>
          <ul className="lena-register" aria-label="Register">
            {register.map((person) => {
              const status = marked[person.userId] ?? person.status;
              const pending = sending[person.userId];
              return (
                <li key={person.userId} className="lena-register__person">
                  <div className="lena-register__name" id={`register-${person.userId}`}>
                    {person.displayName}
                    <span className="lena-register__state">{pending ? 'Saving…' : status ? attendanceLabel[status] : 'Not marked'}</span>
                  </div>
                  <div className="lena-register__choices" role="group" aria-labelledby={`register-${person.userId}`}>
                    {ATTENDANCE_CHOICES.map((choice) => (
                      <button
                        key={choice.value}
                        type="button"
                        className="lena-register__choice"
                        aria-pressed={status === choice.value}
                        disabled={!open || pending !== undefined}
                        onClick={() => void choose(person, choice.value)}
                      >
                        {choice.label}
                      </button>
                    ))}
                  </div>
                  {failed?.userId === person.userId ? <Alert tone="error" title={failed.message} /> : null}
                </li>
              );
            })}
          </ul>
          <p className="lena-visually-hidden" aria-live="polite">
            {announcement}
          </p>
        </>
      )}
    </Section>
  );
}
