import { createLenaApolloClient } from '@lena/graphql-client';
import type { Viewer } from '@lena/graphql-client/react';
import { Page, type NavItem } from '@lena/ui';
import type { ReactElement } from 'react';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequireRole } from './guards.js';
import { lazyPage } from './lazy-page.js';
import { PortalApp, portalRoutes, type PortalDefinition } from './mount-portal.js';
import { createTestRouter } from './test-router.js';

afterEach(cleanup);

const NORTHSHIRE = { __typename: 'Tenant', id: 't1', name: 'Northshire', slug: 'northshire', timeZone: 'Europe/London', locale: 'en-GB', status: 'ACTIVE' } as const;

function person(overrides: Partial<Viewer>): Viewer {
  return {
    __typename: 'Viewer',
    id: 'u1',
    email: 'sam@northshire.test',
    displayName: 'Sam Taylor',
    platformRoles: [],
    tenantId: NORTHSHIRE.id,
    tenantRole: 'PARTICIPANT',
    tenant: NORTHSHIRE,
    memberships: [],
    ...overrides,
  } as Viewer;
}

const participant = person({});
const orgAdmin = person({ tenantRole: 'ORG_ADMIN' });
const staff = person({ email: 'admin@lena.test', platformRoles: ['PLATFORM_ADMIN'], tenantId: null, tenantRole: null, tenant: null });

const isOrgAdmin = (viewer: Viewer | null) => viewer?.tenantRole === 'ORG_ADMIN';
const ADMIN_NAV: NavItem[] = [{ href: '/teams', label: 'Teams' }];

/** A portal like the client portal: members of an organisation only, admin pages for its admins. */
const portal: PortalDefinition = {
  portalName: 'Test portal',
  serviceName: 'Lena test portal',
  entry: { admits: (viewer) => Boolean(viewer.tenant), refusal: () => <Page title="You are not in an organisation yet" /> },
  nav: (viewer) => (isOrgAdmin(viewer) ? ADMIN_NAV : []),
  showOrganisation: true,
  home: <Page title="Home" />,
  routes: [{ element: <RequireRole allows={isOrgAdmin} refusal="This page is for admins." />, children: [{ path: 'teams', element: <Page title="Teams" /> }] }],
};

/** The portal at `path`, with an API that says `viewer` is signed in (or nobody, for null). */
function open(path: string, viewer: Viewer | null, definition: PortalDefinition = portal) {
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
    const body = operationName === 'Viewer' ? { data: { viewer } } : { errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  const { Router, router } = createTestRouter(path);
  render(
    <PortalApp client={createLenaApolloClient({ uri: 'http://api.test/graphql', fetch })} routes={portalRoutes(definition)} router={Router} serviceName={definition.serviceName} />,
  );
  return router;
}

const heading = (name: string) => screen.findByRole('heading', { level: 1, name });
const navLinks = () => {
  const nav = screen.queryByRole('navigation', { name: 'Main' });
  return nav
    ? within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent)
    : [];
};

describe('portal routes', () => {
  it('sends someone signed out to the sign-in page, to come back afterwards', async () => {
    const router = open('/teams?sort=name', null);
    await heading('Sign in');
    expect(router.state.location.pathname + router.state.location.search).toBe('/login?next=%2Fteams%3Fsort%3Dname');
    expect(navLinks()).toEqual([]);
  });

  it('serves the sign-in, password and invitation pages to anyone', async () => {
    open('/forgot-password', null);
    await heading('Reset your password');
    cleanup();
    open('/reset-password', null);
    await heading('Choose a new password');
    cleanup();
    open('/invitations/accept', null);
    await heading('Accept your invitation');
  });

  it('sends someone already signed in on from the sign-in page, only to a path in this portal', async () => {
    const router = open('/login?next=%2F%2Fevil.example', orgAdmin);
    await heading('Home');
    expect(router.state.location.pathname).toBe('/');
    cleanup();
    const back = open('/login?next=%2Fteams', orgAdmin);
    await heading('Teams');
    expect(back.state.location.pathname).toBe('/teams');
  });

  it('tells someone the portal does not admit, and shows them no navigation', async () => {
    open('/teams', staff);
    await heading('You are not in an organisation yet');
    expect(navLinks()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('keeps role-guarded pages from others, with the portal’s explanation', async () => {
    open('/teams', participant);
    await heading('You do not have access to this page');
    expect(screen.getByText('This page is for admins.')).toBeTruthy();
    expect(navLinks()).toEqual(['Home']);
  });

  it('shows the portal’s navigation and organisation to those it is for', async () => {
    open('/teams', orgAdmin);
    await heading('Teams');
    expect(navLinks()).toEqual(['Home', 'Teams']);
    expect(screen.getByText('Northshire')).toBeTruthy();
    expect(document.title).toBe('Teams – Lena test portal');
  });

  it('answers an unknown address with "Page not found"', async () => {
    open('/no/such/page', participant);
    await heading('Page not found');
  });
});

/** A page whose code arrives when the test says so (`arrive`); `load` tells whether it was asked for. */
function slowPage(title: string) {
  let arrive = () => {};
  const code = new Promise<{ SlowPage: () => ReactElement }>((resolve) => {
    arrive = () => resolve({ SlowPage: () => <Page title={title} /> });
  });
  const load = vi.fn(() => code);
  return { Page: lazyPage(load, 'SlowPage'), load, arrive: () => act(async () => arrive()) };
}

/** The test portal with every page loaded on first use. */
function lazyPortal() {
  const home = slowPage('Home');
  const members = slowPage('Members');
  const teams = slowPage('Teams');
  const definition: PortalDefinition = {
    ...portal,
    home: <home.Page />,
    routes: [
      { path: 'members', element: <members.Page /> },
      { element: <RequireRole allows={isOrgAdmin} refusal="This page is for admins." />, children: [{ path: 'teams', element: <teams.Page /> }] },
    ],
  };
  return { definition, home, members, teams };
}

const loadingPage = () => screen.queryByText('Loading the page…');

describe('pages loaded on first use', () => {
  it('says, politely and inside the frame, that the page is loading until its code arrives', async () => {
    const { definition, home } = lazyPortal();
    open('/', orgAdmin, definition);
    expect((await screen.findByText('Loading the page…')).closest('[role="status"]')).toBeTruthy();
    expect(navLinks()).toEqual(['Home', 'Teams']);
    await home.arrive();
    await heading('Home');
    expect(loadingPage()).toBeNull();
  });

  it('says so too when a link leads to a page not loaded yet, instead of leaving the last page up', async () => {
    const { definition, home, members } = lazyPortal();
    const router = open('/', orgAdmin, definition);
    await home.arrive();
    await heading('Home');
    await act(() => router.navigate('/members'));
    await screen.findByText('Loading the page…');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    await members.arrive();
    await heading('Members');
  });

  it('never fetches the code of a page someone may not see', async () => {
    const { definition, teams } = lazyPortal();
    open('/teams', participant, definition);
    await heading('You do not have access to this page');
    expect(teams.load).not.toHaveBeenCalled();
  });
});

describe('a page that crashes', () => {
  function Crashing(): ReactElement {
    throw new Error('A bug in the page.');
  }

  it('shows "Sorry, something went wrong" instead of a blank screen, until the person goes elsewhere', async () => {
    // React reports the caught error on the console; the page says what matters.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const router = open('/broken', orgAdmin, { ...portal, routes: [...portal.routes, { path: 'broken', element: <Crashing /> }] });
      await heading('Sorry, something went wrong');
      expect(screen.getByText('This page stopped working')).toBeTruthy();
      await act(() => router.navigate('/teams'));
      await heading('Teams');
    } finally {
      consoleError.mockRestore();
    }
  });
});
