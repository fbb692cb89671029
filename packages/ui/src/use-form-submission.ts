import { useCallback, useRef, useState } from 'react';
import type { FieldProblem, FormErrors } from './form.js';

export interface FormSubmission {
  busy: boolean;
  errors: FormErrors | null;
  /**
   * Runs one submission: ignored while another is under way; the task returns the problems to
   * show, or nothing on success. Resolves to true on success.
   */
  submit: (task: () => Promise<FormErrors | null | void>) => Promise<boolean>;
  /** Shows problems found before sending anything (client-side checks). */
  fail: (errors: FormErrors) => void;
  reset: () => void;
}

/** Busy flag and error state for one form, wired to `<Form errors>` and `<Button busy>`. */
export function useFormSubmission(): FormSubmission {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const running = useRef(false);

  const submit = useCallback(async (task: () => Promise<FormErrors | null | void>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    try {
      const result = await task();
      // A new object each time, so the error summary takes focus again.
      setErrors(result ? { ...result } : null);
      return !result;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const fail = useCallback((next: FormErrors) => setErrors({ ...next }), []);
  const reset = useCallback(() => setErrors(null), []);
  return { busy, errors, submit, fail, reset };
}

/**
 * Client-side "required" checks: each entry is [field name, value, message when empty]. Returns
 * the problems, or null when every value is filled in.
 */
export function requireValues(checks: ReadonlyArray<readonly [field: string, value: string, message: string]>): FormErrors | null {
  const fieldProblems: FieldProblem[] = checks.filter(([, value]) => value.trim() === '').map(([field, , message]) => ({ field, message }));
  return fieldProblems.length > 0 ? { fieldProblems } : null;
}
