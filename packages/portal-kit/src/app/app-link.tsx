import type { LinkProps } from '@lena/ui';
import { Link as RouterLink } from 'react-router';

/** Lets @lena/ui's links navigate inside the app; other addresses stay plain links. */
export function AppLink({ href, ...rest }: LinkProps) {
  if (/^(https?:|mailto:|#)/.test(href)) return <a href={href} {...rest} />;
  return <RouterLink to={href} {...rest} />;
}
