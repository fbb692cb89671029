import { lazyPage, type PortalModule } from '@lena/portal-kit';

const MySessionsPage = lazyPage(() => import('./my-sessions-page.js'), 'MySessionsPage');

/** Everyone enrolled in a programme: their sessions, calendar files and subscription, and the group agreement. */
export const mySessionsModule: PortalModule = {
  nav: { href: '/sessions', label: 'My sessions' },
  card: { linkText: 'See your sessions', description: 'Your coming group sessions, how to join them, and adding them to your calendar.' },
  routes: [{ path: 'sessions', element: <MySessionsPage /> }],
};
