import type { ReactNode } from 'react';
import { cx } from './class-names.js';
import { useUiConfig, type LinkProps } from './ui-context.js';

/** An in-app link, rendered by the portal's router. */
export function Link({ className, ...props }: LinkProps) {
  const { linkComponent: Component } = useUiConfig();
  return <Component className={cx('lena-link', className)} {...props} />;
}

export interface ButtonLinkProps extends LinkProps {
  variant?: 'primary' | 'secondary';
  children: ReactNode;
}

/** A link that looks like a button: for navigation that starts a task ("Add organisation"). */
export function ButtonLink({ variant = 'primary', className, ...props }: ButtonLinkProps) {
  const { linkComponent: Component } = useUiConfig();
  return <Component className={cx('lena-button', `lena-button--${variant}`, className)} {...props} />;
}
