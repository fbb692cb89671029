import { accountModule, lazyPage, mountPortal, RequireRole } from '@lena/portal-kit';
import { Navigate } from 'react-router';
import { ADMIN_MODULES } from './app/admin-modules.js';
import { isFacilitator, isPlatformAdmin } from './app/roles.js';
import { deliveryRoutes } from './modules/delivery/delivery-module.js';
import { facilitatorDashboardModule } from './modules/outcomes/outcomes-module.js';
import { programmeRoutes } from './modules/programmes/programmes-module.js';
import { mySessionsModule, schedulingModule } from './modules/scheduling/scheduling-module.js';

// Each page's code loads when someone first opens it (every module wraps its pages in lazyPage),
// so the sign-in page loads only what it needs.
const HomePage = lazyPage(() => import('./modules/profile/home-page.js'), 'HomePage');

// Sign-in, password and invitation pages, the frame and "Page not found" come from @lena/portal-kit.
mountPortal({
  portalName: 'Facilitator portal',
  serviceName: 'Lena facilitator portal',
  // Anyone signed in may enter; the home page tells client staff that this portal is not for them.
  nav: (viewer) => [
    ...(isFacilitator(viewer) ? [mySessionsModule.nav, schedulingModule.nav, facilitatorDashboardModule.nav] : []),
    ...(isPlatformAdmin(viewer) ? ADMIN_MODULES.map((module) => module.nav) : []),
    accountModule.nav,
  ],
  home: <HomePage />,
  routes: [
    ...accountModule.routes,
    {
      // A facilitator's own pages; anyone else is told, without the pages loading.
      element: <RequireRole allows={isFacilitator} refusal="This page is for Lena facilitators." />,
      children: [...mySessionsModule.routes, ...deliveryRoutes, ...schedulingModule.routes, ...facilitatorDashboardModule.routes],
    },
    {
      // A programme's page: platform admins see any; a facilitator only those they run (the API refuses the rest).
      element: <RequireRole allows={(viewer) => isFacilitator(viewer) || isPlatformAdmin(viewer)} refusal="This page is for Lena facilitators and platform administrators." />,
      children: programmeRoutes,
    },
    {
      // The admin area: platform admins only; anyone else is told, without the admin pages loading.
      path: 'admin',
      element: <RequireRole allows={isPlatformAdmin} refusal="This page is for Lena platform administrators. If you think you should have access, ask a platform administrator." />,
      children: [{ index: true, element: <Navigate to={ADMIN_MODULES[0]?.nav.href ?? '/'} replace /> }, ...ADMIN_MODULES.flatMap((module) => module.routes)],
    },
  ],
});
