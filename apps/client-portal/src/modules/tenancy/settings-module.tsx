import { lazyPage, type PortalModule } from '@lena/portal-kit';

const SettingsPage = lazyPage(() => import('./settings-page.js'), 'SettingsPage');

/** The organisation's own settings: feedback and how long session notes are kept (organisation admins). */
export const settingsModule: PortalModule = {
  nav: { href: '/settings', label: 'Settings' },
  routes: [{ path: 'settings', element: <SettingsPage /> }],
};
