import { lazyPage, type PortalModule } from '@lena/portal-kit';

const MyMeasuresPage = lazyPage(() => import('./my-measures-page.js'), 'MyMeasuresPage');

/** Everyone who may be enrolled in a programme: their own outcome scores over time, which nobody else sees. */
export const myMeasuresModule: PortalModule = {
  nav: { href: '/my-measures', label: 'My measures' },
  card: { linkText: 'See your measures', description: 'Your own questionnaire scores over time, and what they mean.' },
  routes: [{ path: 'my-measures', element: <MyMeasuresPage /> }],
};
