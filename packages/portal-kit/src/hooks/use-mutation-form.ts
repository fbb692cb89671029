import { toFormErrors, type ToFormErrorsOptions } from '@lena/graphql-client';
import { useFormSubmission, type FormSubmission } from '@lena/ui';
import { useCallback } from 'react';

export interface MutationForm extends FormSubmission {
  /**
   * Runs one submission (ignored while another is under way): `task` sends the mutation and does
   * what follows its success. If it throws, `onError` sees the error first, and the API's problems
   * show on the form (field problems inline, anything else at the top). Resolves to true on success.
   */
  send: (task: () => Promise<unknown>, onError?: (error: unknown) => void) => Promise<boolean>;
}

/**
 * A form that sends a mutation: `<Form errors={form.errors}>`, `<Button busy={form.busy}>`,
 * `form.fail(...)` for checks before sending, `form.send(...)` to send.
 */
export function useMutationForm(options?: ToFormErrorsOptions): MutationForm {
  const form = useFormSubmission();
  const { submit } = form;
  const send = useCallback(
    (task: () => Promise<unknown>, onError?: (error: unknown) => void) =>
      submit(async () => {
        try {
          await task();
          return null;
        } catch (error) {
          onError?.(error);
          return toFormErrors(error, options);
        }
      }),
    [submit, options],
  );
  return { ...form, send };
}
