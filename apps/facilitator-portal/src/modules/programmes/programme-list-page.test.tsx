import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type Answer } from '../../test/fake-api.js';
import { tenant } from '../../test/fakes.js';
import { ProgrammeListPage } from './programme-list-page.js';

afterEach(cleanup);

const TENANT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

function listing(id: string, overrides: { status?: string; nextSessionStartsAt?: string | null; sessionsHeld?: number; sessionsPlanned?: number; title?: string } = {}) {
  return {
    __typename: 'ProgrammeListing',
    programme: {
      __typename: 'Programme',
      id,
      tenantId: TENANT_ID,
      tenantName: 'Northshire Children’s Services',
      teamName: 'Family Assessment Team',
      title: overrides.title ?? `Programme ${id}`,
      serviceType: 'GTS',
      status: overrides.status ?? 'ACTIVE',
      numberOfSessions: 6,
    },
    nextSessionStartsAt: overrides.nextSessionStartsAt === undefined ? '2027-03-23T14:00:00.000Z' : overrides.nextSessionStartsAt,
    sessionsHeld: overrides.sessionsHeld ?? 2,
    sessionsPlanned: overrides.sessionsPlanned ?? 6,
  };
}

const page = (items: unknown[], nextCursor: string | null): Answer => ({ data: { platformProgrammes: { __typename: 'ProgrammeListPage', items, nextCursor } } });
const TENANTS: Answer = {
  data: {
    tenants: [tenant({ id: TENANT_ID, name: 'Northshire Children’s Services' })],
  },
};

function renderList(answers: Record<string, Answer[]>, at = '/admin/programmes/all') {
  const api = fakeApi({ Tenants: [TENANTS], ...answers });
  render(
    <ApolloProvider client={api.client}>
      <MemoryRouter initialEntries={[at]}>
        <ProgrammeListPage />
      </MemoryRouter>
    </ApolloProvider>,
  );
  return api;
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.children, (cell) => cell.textContent));

describe('all programmes', () => {
  it('lists each programme with its organisation, service, status, next session and sessions held, linking to its page', async () => {
    const api = renderList({
      PlatformProgrammes: [
        page(
          [
            listing('p1', { title: 'Reflective practice — Night team' }),
            listing('p2', { status: 'ACCEPTED', nextSessionStartsAt: null, sessionsHeld: 0, sessionsPlanned: 0 }),
            listing('p3', { status: 'COMPLETED', nextSessionStartsAt: null, sessionsHeld: 6, sessionsPlanned: 6 }),
          ],
          null,
        ),
      ],
    });
    const table = await screen.findByRole('table', { name: 'Programmes' });
    expect(rowsOf(table).map((cells) => [cells[0], cells[1], cells[2], cells[3], cells[5]])).toEqual([
      ['Reflective practice — Night team', 'Northshire Children’s Services (Family Assessment Team)', 'Group Therapeutic Support (GTS)', 'Running', '2 of 6 held'],
      ['Programme p2', 'Northshire Children’s Services (Family Assessment Team)', 'Group Therapeutic Support (GTS)', 'Accepted', '6 agreed, none written yet'],
      ['Programme p3', 'Northshire Children’s Services (Family Assessment Team)', 'Group Therapeutic Support (GTS)', 'Completed', '6 of 6 held'],
    ]);
    expect(rowsOf(table)[1]![4]).toBe('None to come');
    expect(table.querySelector('time')?.getAttribute('datetime')).toBe('2027-03-23T14:00:00.000Z');
    expect(within(table).getByRole('link', { name: 'Reflective practice — Night team' }).getAttribute('href')).toBe('/programmes/p1');
    expect(screen.getByText(/Showing 3 programmes \(all of them\)/)).toBeTruthy();
    // No filter chosen: the API's default (the agreed programmes), a page of 50.
    expect(api.named('PlatformProgrammes')[0]?.variables).toEqual({ filter: { statuses: null, tenantId: null, serviceType: null }, first: 50 });
  });

  it('sends the filters chosen, and keeps them in the address', async () => {
    const user = userEvent.setup();
    const api = renderList({ PlatformProgrammes: [page([listing('p1')], null)] });
    await screen.findByRole('table', { name: 'Programmes' });
    await screen.findByRole('option', { name: 'Northshire Children’s Services' });
    await user.selectOptions(screen.getByLabelText('Status'), 'Cancelled');
    await user.selectOptions(screen.getByLabelText('Organisation'), 'Northshire Children’s Services');
    await user.selectOptions(screen.getByLabelText('Service'), 'Group Reflective Practice (GRP)');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(api.named('PlatformProgrammes')).toHaveLength(2));
    expect(api.named('PlatformProgrammes')[1]?.variables).toEqual({ filter: { statuses: ['CANCELLED'], tenantId: TENANT_ID, serviceType: 'GRP' }, first: 50 });
  });

  it('asks for every status when “any status” is chosen in the address', async () => {
    const api = renderList({ PlatformProgrammes: [page([], null)] }, '/admin/programmes/all?status=ALL');
    expect(await screen.findByText('Nothing matches these filters.')).toBeTruthy();
    expect(api.named('PlatformProgrammes')[0]?.variables.filter).toEqual({
      statuses: ['REQUESTED', 'PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED'],
      tenantId: null,
      serviceType: null,
    });
  });

  it('shows more with the cursor it was given, adding the next page below', async () => {
    const user = userEvent.setup();
    const api = renderList({ PlatformProgrammes: [page([listing('p1'), listing('p2')], 'p2'), page([listing('p3')], null)] });
    await screen.findByRole('table', { name: 'Programmes' });
    await user.click(screen.getByRole('button', { name: 'Show more programmes' }));
    await screen.findByRole('link', { name: 'Programme p3' });
    expect(rowsOf(screen.getByRole('table', { name: 'Programmes' })).map((cells) => cells[0])).toEqual(['Programme p1', 'Programme p2', 'Programme p3']);
    expect(api.named('PlatformProgrammes')[1]?.variables).toMatchObject({ after: 'p2', first: 50 });
    expect(screen.queryByRole('button', { name: 'Show more programmes' })).toBeNull();
  });
});
