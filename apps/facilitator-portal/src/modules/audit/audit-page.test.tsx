import { createLenaApolloClient, type AuditEventsQuery } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditPage } from './audit-page.js';

afterEach(cleanup);

type Event = AuditEventsQuery['auditEvents']['items'][number];

/** An API that answers each operation by name and records the variables of each request. */
function fakeApi(answers: Record<string, unknown>) {
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const request = JSON.parse(String(init?.body)) as { operationName: string };
    const data = answers[request.operationName];
    const body = data ? { data } : { errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return createLenaApolloClient({ uri: 'http://api.test/graphql', fetch });
}

const ADMIN_ID = '5f0c2a7e-1b2d-4e3f-8a9b-0c1d2e3f4a5b';
const TENANT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const INVITATION_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const PERSON_ID = '7d6c5b4a-3e2f-4d1c-9b8a-7f6e5d4c3b2a';

function event(overrides: Partial<Event> & Pick<Event, 'id' | 'action'>): Event {
  return {
    occurredAt: '2026-11-27T14:30:00.000Z',
    actorUserId: ADMIN_ID,
    actorEmail: 'casey@northshire.test',
    actorName: 'Casey Coordinator',
    tenantId: TENANT_ID,
    tenantName: 'Northshire Child Protection',
    targetType: null,
    targetId: null,
    targetName: null,
    ipAddress: '203.0.113.9',
    ...overrides,
  };
}

const EVENTS: Event[] = [
  event({ id: '4', action: 'INVITATION_RESENT', targetType: 'invitation', targetId: INVITATION_ID, targetName: 'alex@northshire.test' }),
  event({ id: '3', action: 'ROLE_CHANGED', targetType: 'user_account', targetId: PERSON_ID, targetName: 'Sam Patel' }),
  event({ id: '2', action: 'SOMETHING_NEWER', actorUserId: null, actorEmail: null, actorName: null, tenantId: null, tenantName: null, targetType: 'widget', targetId: 'w-1' }),
];

function renderPage(events: Event[]) {
  const client = fakeApi({
    AuditEvents: { auditEvents: { __typename: 'AuditEventPage', items: events.map((item) => ({ __typename: 'AuditEvent', ...item })), nextCursor: null } },
    Tenants: { tenants: [] },
  });
  render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={['/admin/audit']}>
        <AuditPage />
      </MemoryRouter>
    </ApolloProvider>,
  );
}

describe('AuditPage', () => {
  it('says who and what in words, with the raw ids in each tooltip', async () => {
    renderPage(EVENTS);
    const table = await screen.findByRole('table', { name: 'Audit events' });
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent);
    expect(rows.map((row) => cells(row).slice(1, 5))).toEqual([
      ['Invitation sent again', 'Casey Coordinator', 'Northshire Child Protection', 'Invitation: alex@northshire.test'],
      ['Role changed', 'Casey Coordinator', 'Northshire Child Protection', 'Person: Sam Patel'],
      ['SOMETHING_NEWER', 'System', '—', 'widget'],
    ]);
    for (const id of [ADMIN_ID, TENANT_ID, INVITATION_ID, PERSON_ID]) expect(table.textContent).not.toContain(id);

    // The comparison above found three rows.
    const first = rows[0]!;
    expect(within(first).getByText('Casey Coordinator').getAttribute('title')).toBe(`casey@northshire.test · Person id ${ADMIN_ID}`);
    expect(within(first).getByText('Northshire Child Protection').getAttribute('title')).toBe(`Organisation id ${TENANT_ID}`);
    expect(within(first).getByText('Invitation: alex@northshire.test').getAttribute('title')).toBe(`invitation ${INVITATION_ID}`);
  });

  it('names a target it cannot find by its kind alone, and a vanished person as unknown', async () => {
    renderPage([event({ id: '9', action: 'INVITATION_REVOKED', actorName: null, actorEmail: null, tenantName: null, targetType: 'invitation', targetId: INVITATION_ID })]);
    const table = await screen.findByRole('table', { name: 'Audit events' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    const row = rows[1]!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
        .slice(0, 4),
    ).toEqual(['Invitation revoked', 'Unknown person', 'Unknown organisation', 'Invitation']);
    expect(within(row).getByText('Unknown person').getAttribute('title')).toBe(`Person id ${ADMIN_ID}`);
  });
});
