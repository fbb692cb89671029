import { lazyPage, type PortalModule } from '@lena/portal-kit';

const NeedsAssessmentPage = lazyPage(() => import('./needs-assessment-page.js'), 'NeedsAssessmentPage');
const ProgrammesPage = lazyPage(() => import('./programmes-page.js'), 'ProgrammesPage');
const ProgrammePage = lazyPage(() => import('./programme-page.js'), 'ProgrammePage');
const RequestProgrammePage = lazyPage(() => import('./request-programme-page.js'), 'RequestProgrammePage');

/** Organisation admins: which group suits a team, requesting programmes, accepting proposals and enrolling people. */
export const programmesModule: PortalModule = {
  nav: { href: '/programmes', label: 'Programmes' },
  card: { linkText: 'See your programmes', description: 'Find out which group suits a team, request a programme, accept the provider’s proposal and enrol people.' },
  routes: [
    { path: 'programmes', element: <ProgrammesPage /> },
    { path: 'programmes/request', element: <RequestProgrammePage /> },
    { path: 'programmes/:id', element: <ProgrammePage /> },
    { path: 'needs-assessment', element: <NeedsAssessmentPage /> },
  ],
};
