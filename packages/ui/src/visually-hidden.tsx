import type { ReactNode } from 'react';

/** Text for screen readers only: completes a short visible label ("Remove" → "Remove Sam Jones"). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="lena-visually-hidden">{children}</span>;
}
