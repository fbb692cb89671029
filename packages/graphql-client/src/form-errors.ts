import { describeError, LenaErrorCode, type FieldProblem } from './errors.js';

/** The shape `@lena/ui`'s `<Form errors>` takes. */
export interface FormErrorState {
  fieldProblems: FieldProblem[];
  message: string | null;
}

export interface ToFormErrorsOptions {
  /** Replaces the API's message for these codes, e.g. one generic sign-in failure message. */
  messages?: Partial<Record<LenaErrorCode, string>>;
}

/**
 * Turns an error from a mutation into what a form shows: BAD_USER_INPUT's field problems inline and
 * in the summary, anything else as one message at the top.
 */
export function toFormErrors(error: unknown, options: ToFormErrorsOptions = {}): FormErrorState {
  const described = describeError(error);
  const override = options.messages?.[described.code];
  if (described.code === LenaErrorCode.BAD_USER_INPUT && described.fieldProblems.length > 0 && !override) {
    return { fieldProblems: described.fieldProblems, message: null };
  }
  return { fieldProblems: [], message: override ?? described.message };
}
