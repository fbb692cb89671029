import { lazyPage, type PortalModule } from '@lena/portal-kit';

const QueueHealthPage = lazyPage(() => import('./queue-health-page.js'), 'QueueHealthPage');

/** Notifications: the job queues, the outbox and the emails Lena gave up on (platform admins, under /admin). */
export const notificationsModule: PortalModule = {
  nav: { href: '/admin/queues', label: 'Queue health' },
  card: { linkText: 'Check the queues', description: 'See whether emails are going out, and try again any that Lena gave up on.' },
  routes: [{ path: 'queues', element: <QueueHealthPage /> }],
};
