import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode, type SyntheticEvent } from 'react';
import { Alert } from './alert.js';

interface OutcomeScopeValue {
  /** Goes up each time the person starts something new in the scope. */
  action: number;
  /** The current value of `action`, for callbacks that finish later. */
  currentAction: () => number;
}

const OutcomeScopeContext = createContext<OutcomeScopeValue>({ action: 0, currentAction: () => 0 });

/** What starts a new action: pressing a button or following a link inside the scope, or submitting a form. */
const STARTS_AN_ACTION = 'button:not(:disabled), [role="button"]:not([aria-disabled="true"]), a[href]';

/**
 * Where outcomes ("Sam Taylor has been added to Night Shift.") live: the page area of a portal.
 * As soon as the person starts the next thing there (presses any button, follows a link, submits a
 * form), every outcome shown so far goes, so a banner never lingers beside the next action or
 * names what is no longer on the screen.
 */
export function OutcomeScope({ children }: { children: ReactNode }) {
  const [action, setAction] = useState(0);
  const latest = useRef(0);
  const startAction = useCallback(() => {
    latest.current += 1;
    setAction(latest.current);
  }, []);
  const onClickCapture = useCallback(
    (event: SyntheticEvent) => {
      if (event.target instanceof Element && event.target.closest(STARTS_AN_ACTION)) startAction();
    },
    [startAction],
  );
  const value = useMemo(() => ({ action, currentAction: () => latest.current }), [action]);
  return (
    <OutcomeScopeContext.Provider value={value}>
      <div className="lena-outcome-scope" onClickCapture={onClickCapture} onSubmitCapture={startAction}>
        {children}
      </div>
    </OutcomeScopeContext.Provider>
  );
}

export type OutcomeTone = 'success' | 'error';

export interface ShownOutcome {
  tone: OutcomeTone;
  text: string;
}

export interface Outcome {
  /** What to show now: null once the person has started something else. */
  current: ShownOutcome | null;
  /** The banner for `current`, or nothing. */
  banner: ReactNode;
  show: (tone: OutcomeTone, text: string) => void;
  success: (text: string) => void;
  error: (text: string) => void;
  clear: () => void;
}

/**
 * The result of the last action of one part of a page, shown as a banner until the person starts
 * another action anywhere in the surrounding `OutcomeScope`. Build the text when the action ends,
 * from what the action returned, so that it names things as they are now.
 */
export function useOutcome(): Outcome {
  const scope = useContext(OutcomeScopeContext);
  const [shown, setShown] = useState<(ShownOutcome & { action: number }) | null>(null);
  const { currentAction } = scope;
  const show = useCallback((tone: OutcomeTone, text: string) => setShown({ tone, text, action: currentAction() }), [currentAction]);
  const success = useCallback((text: string) => show('success', text), [show]);
  const error = useCallback((text: string) => show('error', text), [show]);
  const clear = useCallback(() => setShown(null), []);
  // The same object for as long as the same outcome shows, so effects can depend on it.
  const current = useMemo<ShownOutcome | null>(() => (shown && shown.action === scope.action ? { tone: shown.tone, text: shown.text } : null), [shown, scope.action]);
  const banner = current ? <Alert tone={current.tone} title={current.text} /> : null;
  return { current, banner, show, success, error, clear };
}
