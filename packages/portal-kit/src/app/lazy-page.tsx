import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page whose code loads the first time someone opens it, in a chunk of its own, so that the
 * sign-in page (and everyone's first page) does not wait for every other page:
 *
 *     const TeamsPage = lazyPage(() => import('./modules/teams/teams-page.js'), 'TeamsPage');
 *     routes: [{ path: 'teams', element: <TeamsPage /> }]
 *
 * The frame (`PortalLayout`) says "Loading the page…" while the code arrives. Behind
 * <RequireRole>, the code of a page someone may not see is never fetched.
 */
export function lazyPage<Name extends string, Props extends object>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
): LazyExoticComponent<ComponentType<Props>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
