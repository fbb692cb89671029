import type { ReactNode } from 'react';
import { cx } from './class-names.js';

export type TagTone = 'neutral' | 'green' | 'blue' | 'amber' | 'red' | 'grey';

/** A short status word. The word carries the meaning; the colour only helps. */
export function Tag({ tone = 'neutral', children }: { tone?: TagTone; children: ReactNode }) {
  return <strong className={cx('lena-tag', `lena-tag--${tone}`)}>{children}</strong>;
}
