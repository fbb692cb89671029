import { lazyPage, type PortalModule } from '@lena/portal-kit';
import type { RouteObject } from 'react-router';

const PipelinePage = lazyPage(() => import('./pipeline-page.js'), 'PipelinePage');
const ProposePage = lazyPage(() => import('./propose-page.js'), 'ProposePage');
const ProgrammePage = lazyPage(() => import('./programme-page.js'), 'ProgrammePage');
const ProgrammeListPage = lazyPage(() => import('./programme-list-page.js'), 'ProgrammeListPage');

/** The programme pipeline and the scheduling screen (platform admins, under /admin). */
export const pipelineModule: PortalModule = {
  nav: { href: '/admin/programmes', label: 'Programmes' },
  card: { linkText: 'See the programme pipeline', description: 'Requests waiting for facilitators and a schedule, and proposals waiting for the organisation.' },
  routes: [
    { path: 'programmes', element: <PipelinePage /> },
    { path: 'programmes/:id/propose', element: <ProposePage /> },
  ],
};

/** Every organisation's programmes, filtered and paged (platform admins, under /admin). */
export const programmeListModule: PortalModule = {
  nav: { href: '/admin/programmes/all', label: 'All programmes' },
  card: { linkText: 'See all programmes', description: 'Accepted, running, completed and cancelled programmes in every organisation, with their next session.' },
  routes: [{ path: 'programmes/all', element: <ProgrammeListPage /> }],
};

/** One programme's page, for platform admins and the facilitators assigned to it (the API decides which). */
export const programmeRoutes: RouteObject[] = [{ path: 'programmes/:id', element: <ProgrammePage /> }];
