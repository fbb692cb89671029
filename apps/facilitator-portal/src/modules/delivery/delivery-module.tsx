import { lazyPage } from '@lena/portal-kit';
import type { RouteObject } from 'react-router';

const SessionDeliveryPage = lazyPage(() => import('./session-delivery-page.js'), 'SessionDeliveryPage');

/** Running a session (run sheet, register, notes, completing): reached from My sessions and a programme's page. */
export const deliveryRoutes: RouteObject[] = [{ path: 'sessions/:sessionId', element: <SessionDeliveryPage /> }];
