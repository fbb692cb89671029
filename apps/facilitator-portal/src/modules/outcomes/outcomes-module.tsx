import { lazyPage, type PortalModule } from '@lena/portal-kit';

const InstrumentsPage = lazyPage(() => import('./instruments-page.js'), 'InstrumentsPage');

/** Outcomes: the instrument library and organisations' own instruments (platform admins, under /admin). */
export const outcomesModule: PortalModule = {
  nav: { href: '/admin/instruments', label: 'Instruments' },
  card: { linkText: 'Manage outcome instruments', description: 'See the questionnaires programmes can ask, their licences and versions, and add one for an organisation.' },
  routes: [{ path: 'instruments', element: <InstrumentsPage /> }],
};
