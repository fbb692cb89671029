import type { ReactNode } from 'react';
import { cx } from './class-names.js';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/**
 * A message about what just happened or about the page. Errors are `role="alert"` (read out at
 * once); everything else is `role="status"` (read out politely).
 */
export function Alert({ tone = 'info', title, children, className }: AlertProps) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cx('lena-alert', `lena-alert--${tone}`, className)}>
      {title && <p className="lena-alert__title">{title}</p>}
      {children && <div className="lena-alert__body">{children}</div>}
    </div>
  );
}
