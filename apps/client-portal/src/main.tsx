import { accountModule, lazyPage, mountPortal, RequireRole, type PortalModule } from '@lena/portal-kit';
import { NotInOrganisationPage } from './app/not-in-organisation-page.js';
import { OrganisationSwitcher } from './app/organisation-switcher.js';
import { isOrgAdmin } from './app/roles.js';
import { invitationsModule } from './modules/invitations/invitations-module.js';
import { membersModule } from './modules/members/members-module.js';
import { myMeasuresModule } from './modules/outcomes/my-measures-module.js';
import { outcomesModule } from './modules/outcomes/outcomes-module.js';
import { reportsModule } from './modules/outcomes/reports-module.js';
import { programmesModule } from './modules/programmes/programmes-module.js';
import { mySessionsModule } from './modules/scheduling/scheduling-module.js';
import { settingsModule } from './modules/tenancy/settings-module.js';
import { teamsModule } from './modules/teams/teams-module.js';

// Each page's code loads when someone first opens it (every module wraps its pages in lazyPage),
// so the sign-in page loads only what it needs.
const HomePage = lazyPage(() => import('./modules/home/home-page.js'), 'HomePage');

/** The organisation admins' areas, in navigation order. */
const ADMIN_MODULES: readonly PortalModule[] = [programmesModule, outcomesModule, reportsModule, teamsModule, membersModule, invitationsModule, settingsModule];

// Sign-in, password and invitation pages, the frame and "Page not found" come from @lena/portal-kit.
mountPortal({
  portalName: 'Client portal',
  serviceName: 'Lena client portal',
  // Members of an organisation, acting in it; anyone else signed in is told so.
  entry: { admits: (viewer) => Boolean(viewer.tenant), refusal: (viewer) => <NotInOrganisationPage email={viewer.email} /> },
  // Everyone may be enrolled in a programme, admins included.
  nav: (viewer) => [mySessionsModule.nav, myMeasuresModule.nav, ...(isOrgAdmin(viewer) ? ADMIN_MODULES.map((module) => module.nav) : []), accountModule.nav],
  showOrganisation: true,
  accountActions: (viewer) => viewer.memberships.length > 1 && <OrganisationSwitcher key={viewer.tenantId} viewer={viewer} />,
  home: <HomePage />,
  routes: [
    ...accountModule.routes,
    ...mySessionsModule.routes,
    ...myMeasuresModule.routes,
    {
      // Organisation admins only; a participant who follows a link is told, without the page loading.
      element: <RequireRole allows={isOrgAdmin} refusal="This page is for your organisation’s Lena admins. If you think you should have access, ask one of them." />,
      children: ADMIN_MODULES.flatMap((module) => module.routes),
    },
  ],
});
