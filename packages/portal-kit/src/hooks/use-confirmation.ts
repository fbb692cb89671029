import { describeError } from '@lena/graphql-client';
import { useState } from 'react';

export interface Confirmation<Target> {
  /** What is waiting for "Yes" (the dialog is open), or null. */
  target: Target | null;
  /** Opens the dialog for `target`. */
  ask(target: Target): void;
  /** Spread on <ConfirmDialog>: open, the error of the last attempt, and its two buttons. */
  dialog: { open: boolean; error: string | null; onConfirm: () => void; onCancel: () => void };
}

/**
 * "Are you sure?" before a mutation: `ask(target)` opens the dialog; "Yes" runs `run(target)`,
 * which closes it on success, or shows the API's message in the dialog, which stays open to try
 * again or cancel. `run` also says what happened (an outcome banner, a navigation).
 */
export function useConfirmation<Target>(run: (target: Target) => Promise<unknown>): Confirmation<Target> {
  const [target, setTarget] = useState<{ value: Target } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setTarget(null);
    setError(null);
  };

  const confirm = async (value: Target) => {
    setError(null);
    try {
      await run(value);
      close();
    } catch (caught) {
      setError(describeError(caught).message);
    }
  };

  return {
    target: target?.value ?? null,
    ask: (value) => {
      setError(null);
      setTarget({ value });
    },
    dialog: { open: target !== null, error, onConfirm: () => target && void confirm(target.value), onCancel: close },
  };
}
