import { createLenaApolloClient, type AccountSessionFieldsFragment } from '@lena/graphql-client';
import type { Viewer } from '@lena/graphql-client/react';
import { Page } from '@lena/ui';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalApp, portalRoutes, type PortalDefinition } from '../app/mount-portal.js';
import { createTestRouter } from '../app/test-router.js';
import { AccountPage } from './index.js';

afterEach(cleanup);

const SAM: Viewer = {
  __typename: 'Viewer',
  id: 'u1',
  email: 'sam@northshire.test',
  displayName: 'Sam Taylor',
  platformRoles: [],
  tenantId: 't1',
  tenantRole: 'PARTICIPANT',
  tenant: { __typename: 'Tenant', id: 't1', name: 'Northshire', slug: 'northshire', timeZone: 'Europe/London', locale: 'en-GB', status: 'ACTIVE' },
  memberships: [],
} as Viewer;

function session(overrides: Partial<AccountSessionFieldsFragment>): AccountSessionFieldsFragment {
  return {
    __typename: 'AccountSession',
    id: 's1',
    device: 'Firefox 133 on Windows 10',
    ipAddress: '203.0.113.7',
    startedAt: '2026-11-20T09:00:00.000Z',
    lastActiveAt: '2026-11-27T14:30:00.000Z',
    current: true,
    ...overrides,
  } as AccountSessionFieldsFragment;
}

const THIS_ONE = session({});
const PHONE = session({ id: 's2', device: 'Safari 18 on iOS 18.1', ipAddress: '198.51.100.4', current: false });
const TABLET = session({ id: 's3', device: 'Chrome 130 on Android 15', ipAddress: null, current: false });

type Answer = { data: unknown } | { errors: unknown[] };
interface Request {
  operationName: string;
  variables: Record<string, unknown>;
}

/**
 * An API that answers the viewer and the sessions from state, and each mutation with the next
 * answer queued for it; every request is recorded.
 */
function fakeApi(initialSessions: AccountSessionFieldsFragment[], answers: Record<string, Answer[]> = {}) {
  const requests: Request[] = [];
  const state = { sessions: initialSessions };
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const request = JSON.parse(String(init?.body)) as Request;
    requests.push(request);
    let body: Answer;
    if (request.operationName === 'Viewer') body = { data: { viewer: SAM } };
    else if (request.operationName === 'MySessions') body = { data: { mySessions: state.sessions } };
    else body = answers[request.operationName]?.shift() ?? { errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return { client: createLenaApolloClient({ uri: 'http://api.test/graphql', fetch }), requests, state };
}

const portal: PortalDefinition = {
  portalName: 'Test portal',
  serviceName: 'Lena test portal',
  nav: () => [{ href: '/account', label: 'Account' }],
  home: <Page title="Home" />,
  routes: [{ path: 'account', element: <AccountPage /> }],
};

async function openAccountPage(api: ReturnType<typeof fakeApi>) {
  const { Router } = createTestRouter('/account');
  render(<PortalApp client={api.client} routes={portalRoutes(portal)} router={Router} serviceName={portal.serviceName} />);
  await screen.findByRole('heading', { level: 1, name: 'Your account' });
  return within(await screen.findByRole('table', { name: 'Where you are signed in' }));
}

const mutations = (api: ReturnType<typeof fakeApi>, name: string) => api.requests.filter((request) => request.operationName === name).map((request) => request.variables);
const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const rowOf = (table: ReturnType<typeof within>, device: string) => within(table.getByRole('rowheader', { name: new RegExp(device) }).closest('tr')!);

describe('AccountPage: where you are signed in', () => {
  it('lists each session with device, place and times, marks this device and offers no way to end it here', async () => {
    const table = await openAccountPage(fakeApi([THIS_ONE, PHONE, TABLET]));
    expect(table.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Device', 'Place (IP address)', 'Signed in', 'Last active', 'Actions']);

    const current = rowOf(table, 'Firefox');
    expect(current.getByText('This device')).toBeTruthy();
    expect(current.getByText('203.0.113.7')).toBeTruthy();
    expect(current.queryByRole('button')).toBeNull();

    const phone = rowOf(table, 'Safari');
    expect(phone.queryByText('This device')).toBeNull();
    expect(phone.getByText('198.51.100.4')).toBeTruthy();
    expect(phone.getByRole('button', { name: 'End session on Safari 18 on iOS 18.1' })).toBeTruthy();
    expect(rowOf(table, 'Chrome').getByText('Not known')).toBeTruthy();
  });

  it('ends one other session, says which, and shows the list without it', async () => {
    const api = fakeApi([THIS_ONE, PHONE, TABLET], { EndSession: [{ data: { endSession: true } }] });
    const table = await openAccountPage(api);
    api.state.sessions = [THIS_ONE, TABLET];
    fireEvent.click(rowOf(table, 'Safari').getByRole('button', { name: /End session/ }));

    expect((await screen.findByText('The session on Safari 18 on iOS 18.1 has been ended.')).closest('[role="status"]')).toBeTruthy();
    expect(mutations(api, 'EndSession')).toEqual([{ id: 's2' }]);
    await waitFor(() => expect(screen.queryByText('Safari 18 on iOS 18.1')).toBeNull());
    expect(screen.getByText('Chrome 130 on Android 15')).toBeTruthy();
  });

  it('signs out of all other sessions only after asking', async () => {
    const api = fakeApi([THIS_ONE, PHONE, TABLET], { EndOtherSessions: [{ data: { endOtherSessions: 2 } }] });
    await openAccountPage(api);
    click('Sign out of all other sessions');
    const dialog = await screen.findByRole('dialog', { name: 'Sign out of all other sessions?' });
    expect(within(dialog).getByText('The 2 other sessions will need to sign in again. You stay signed in on this device.')).toBeTruthy();
    expect(mutations(api, 'EndOtherSessions')).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(mutations(api, 'EndOtherSessions')).toEqual([]);

    click('Sign out of all other sessions');
    api.state.sessions = [THIS_ONE];
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, sign out everywhere else' }));
    expect((await screen.findByText('You have been signed out of 2 other sessions.')).textContent).toBeTruthy();
    expect(mutations(api, 'EndOtherSessions')).toEqual([{}]);
    expect(await screen.findByText('You are not signed in anywhere else.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out of all other sessions' })).toBeNull();
  });
});

describe('AccountPage: your details', () => {
  it('changes the name, says so, and the header shows the new name at once', async () => {
    const renamed = { ...SAM, displayName: 'Samira Taylor' };
    const api = fakeApi([THIS_ONE], { UpdateMyProfile: [{ data: { updateMyProfile: renamed } }] });
    await openAccountPage(api);
    expect(screen.getByText('sam@northshire.test')).toBeTruthy();
    expect(field('Your name').value).toBe('Sam Taylor');

    type('Your name', '  Samira Taylor ');
    click('Save name');
    expect((await screen.findByText('Your name has been changed to Samira Taylor.')).textContent).toBeTruthy();
    expect(mutations(api, 'UpdateMyProfile')).toEqual([{ input: { displayName: 'Samira Taylor' } }]);
    await waitFor(() => expect(document.querySelector('.lena-header__user')?.textContent).toBe('Signed in as Samira Taylor'));
  });

  it('asks for a name before sending anything', async () => {
    const api = fakeApi([THIS_ONE]);
    await openAccountPage(api);
    type('Your name', '   ');
    click('Save name');
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter your name.' }).getAttribute('href')).toBe('#account-details-displayName');
    expect(mutations(api, 'UpdateMyProfile')).toEqual([]);
  });
});

describe('AccountPage: change your password', () => {
  const fill = (current: string, next: string, again = next) => {
    type('Current password', current);
    type('New password', next);
    type('Confirm new password', again);
  };

  it('checks that the new passwords match before sending anything', async () => {
    const api = fakeApi([THIS_ONE]);
    await openAccountPage(api);
    fill('my old passphrase', 'plum kettle orbit lantern', 'plum kettle orbit lanterns');
    click('Change password');
    expect(within(await screen.findByRole('alert')).getByText('The new passwords do not match.')).toBeTruthy();
    expect(mutations(api, 'ChangePassword')).toEqual([]);
  });

  it.each([
    ['a wrong current password', 'currentPassword', 'Current password', 'Your current password is not right.'],
    [
      'a breached new password',
      'newPassword',
      'New password',
      'This password is too common: it is on lists of passwords that attackers try first. Choose another, for example three or more unrelated words.',
    ],
  ])('shows the API’s refusal of %s beside its field and keeps what was typed', async (_label, apiField, label, message) => {
    const api = fakeApi([THIS_ONE], { ChangePassword: [{ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fieldProblems: [{ field: apiField, message }] } }] }] });
    await openAccountPage(api);
    fill('my old passphrase', 'qwertyuiop123');
    click('Change password');

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: message })).toBeTruthy();
    expect(field(label).getAttribute('aria-invalid')).toBe('true');
    expect(field('New password').value).toBe('qwertyuiop123');
    expect(mutations(api, 'ChangePassword')).toEqual([{ input: { currentPassword: 'my old passphrase', newPassword: 'qwertyuiop123' } }]);
  });

  it('says when too many wrong attempts have been made', async () => {
    const message = 'Too many unsuccessful sign-in attempts. Please wait 15 minutes and try again, or reset your password.';
    const api = fakeApi([THIS_ONE], { ChangePassword: [{ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 900 } }] }] });
    await openAccountPage(api);
    fill('my old passphrase', 'plum kettle orbit lantern');
    click('Change password');
    expect(within(await screen.findByRole('alert')).getByText(message)).toBeTruthy();
  });

  it('on success clears the fields, says the other sessions were signed out, and shows the sessions left', async () => {
    const api = fakeApi([THIS_ONE, PHONE], { ChangePassword: [{ data: { changePassword: true } }] });
    await openAccountPage(api);
    fill('my old passphrase', 'plum kettle orbit lantern');
    api.state.sessions = [THIS_ONE];
    click('Change password');

    const done = await screen.findByText('Your password has been changed.');
    expect(done.closest('[role="status"]')?.textContent).toContain('You have been signed out everywhere else. You are still signed in here.');
    for (const label of ['Current password', 'New password', 'Confirm new password']) expect(field(label).value).toBe('');
    await waitFor(() => expect(screen.queryByText('Safari 18 on iOS 18.1')).toBeNull());
    expect(screen.getByText('You are not signed in anywhere else.')).toBeTruthy();
  });
});
