import { createLenaApolloClient, type MemberFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TenantPeople } from './tenant-people.js';

afterEach(cleanup);

/** An API that answers TenantMembers with `members` and records the variables it was asked with. */
function fakeApi(members: MemberFieldsFragment[]) {
  const asked: unknown[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const request = JSON.parse(String(init?.body)) as { operationName: string; variables: unknown };
    asked.push(request.variables);
    const body =
      request.operationName === 'TenantMembers'
        ? { data: { tenantMembers: members.map((member) => ({ __typename: 'Member', ...member })) } }
        : { errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return { client: createLenaApolloClient({ uri: 'http://api.test/graphql', fetch }), asked };
}

describe('TenantPeople', () => {
  it('lists the organisation’s people with their roles and teams', async () => {
    const api = fakeApi([
      { userId: 'u1', displayName: 'Casey Coordinator', email: 'casey@northshire.test', role: 'ORG_ADMIN', teamIds: [], joinedAt: '2026-11-02T10:00:00.000Z' },
      { userId: 'u2', displayName: 'Sam Patel', email: 'sam@northshire.test', role: 'PARTICIPANT', teamIds: ['t1', 't2'], joinedAt: '2026-11-03T10:00:00.000Z' },
    ]);
    render(
      <ApolloProvider client={api.client}>
        <TenantPeople tenantId="tenant-1" />
      </ApolloProvider>,
    );
    const table = await screen.findByRole('table', { name: 'People in this organisation' });
    expect(screen.getByRole('heading', { level: 2, name: 'People' })).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Name', 'Email address', 'Role', 'Teams', 'Joined']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent).slice(0, 4))).toEqual([
      ['Casey Coordinator', 'casey@northshire.test', 'Organisation admin', 'None'],
      ['Sam Patel', 'sam@northshire.test', 'Participant', '2 teams'],
    ]);
    expect(api.asked).toEqual([{ tenantId: 'tenant-1' }]);
  });

  it('says when no one has joined yet', async () => {
    const api = fakeApi([]);
    render(
      <ApolloProvider client={api.client}>
        <TenantPeople tenantId="tenant-1" />
      </ApolloProvider>,
    );
    expect(await screen.findByRole('heading', { level: 3, name: 'No one has joined yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
