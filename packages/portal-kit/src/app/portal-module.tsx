import type { NavItem } from '@lena/ui';
import type { RouteObject } from 'react-router';
import { lazyPage } from './lazy-page.js';

/**
 * One area of a portal (a context: teams, invitations, audit …), declared once in its own folder:
 * its pages, its entry in the navigation and, for the areas a home page points to, its card there.
 * A portal's `main.tsx` composes its modules; nothing else lists them. Wrap every page in
 * `lazyPage(...)` so that a module's code loads only when someone opens one of its pages.
 */
export interface PortalModule {
  /** Its entry in the navigation, e.g. `{ href: '/teams', label: 'Teams' }`. */
  nav: NavItem;
  /** Its card on a home page, titled with the navigation label. */
  card?: { description: string; linkText: string };
  /** Its pages, relative to where the portal mounts the module (e.g. under `admin`). */
  routes: RouteObject[];
}

const AccountPage = lazyPage(() => import('../account/index.js'), 'AccountPage');

/** Everyone's own name, password and sessions, in both portals. */
export const accountModule: PortalModule = {
  nav: { href: '/account', label: 'Account' },
  routes: [{ path: 'account', element: <AccountPage /> }],
};
