import type { ButtonHTMLAttributes, Ref } from 'react';
import { cx } from './class-names.js';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /** While a request is under way: disabled, with a spinner; the accessible name stays the same. */
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant = 'primary', busy = false, type = 'button', disabled, className, children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={cx('lena-button', `lena-button--${variant}`, busy && 'lena-button--busy', className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <span className="lena-spinner lena-spinner--small" aria-hidden="true" />}
      {children}
    </button>
  );
}
