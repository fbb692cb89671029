import type { Outcome } from '@lena/ui';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** Navigates and says what was done on the next page, e.g. "Night Shift has been archived." */
export function flashState(text: string): { flash: string } {
  return { flash: text };
}

/**
 * Shows the message another page sent with `flashState` as this page's outcome, once: it is taken
 * out of the history entry at once, so reloading or coming back later does not announce it again.
 */
export function useLocationFlash(outcome: Pick<Outcome, 'success'>): void {
  const location = useLocation();
  const navigate = useNavigate();
  const flash = (location.state as { flash?: unknown } | null)?.flash;
  const { success } = outcome;
  useEffect(() => {
    if (typeof flash !== 'string') return;
    success(flash);
    navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: null });
  }, [flash, success, navigate, location.pathname, location.search, location.hash]);
}
