import { createLenaApolloClient, type ProgrammeFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelinePage } from './pipeline-page.js';

function programme(overrides: Partial<ProgrammeFieldsFragment> & Pick<ProgrammeFieldsFragment, 'id' | 'title' | 'status'>): ProgrammeFieldsFragment & { __typename: string } {
  return {
    __typename: 'Programme',
    tenantId: 't1',
    tenantName: 'Northshire Children’s Services',
    teamId: 'team1',
    teamName: 'Family Assessment Team',
    needsAssessmentId: null,
    serviceType: 'GTS',
    waitingOn: 'PLATFORM_ADMIN',
    availableActions: [],
    numberOfSessions: 6,
    cadence: 'WEEKLY',
    cadenceSummary: 'Every Tuesday, 6 sessions',
    rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
    startDate: '2027-03-23',
    startTimes: ['14:00'],
    sessionLengthMinutes: 90,
    timeZone: 'Europe/London',
    deliveryMode: 'IN_PERSON',
    videoLink: null,
    location: 'Meeting room 2',
    minGroupSize: 4,
    maxGroupSize: 12,
    membership: 'CLOSED',
    cancelledReason: null,
    version: 1,
    enrolledCount: 0,
    createdAt: '2027-02-01T09:00:00.000Z',
    updatedAt: '2027-02-01T09:00:00.000Z',
    facilitators: [],
    schedulePreview: [],
    ...overrides,
  };
}

function renderPipeline(programmes: ProgrammeFieldsFragment[]) {
  const fetch: typeof globalThis.fetch = async () => new Response(JSON.stringify({ data: { programmePipeline: programmes } }), { headers: { 'content-type': 'application/json' } });
  render(
    <ApolloProvider client={createLenaApolloClient({ uri: 'http://api.test/graphql', fetch })}>
      <MemoryRouter initialEntries={['/admin/programmes']}>
        <PipelinePage />
      </MemoryRouter>
    </ApolloProvider>,
  );
}

afterEach(cleanup);

describe('the programme pipeline', () => {
  it('puts requests and proposals in their own tables, saying whose move it is and since when', async () => {
    renderPipeline([
      programme({ id: 'p1', title: 'Group supervision — Family Assessment Team', status: 'REQUESTED', updatedAt: '2027-02-01T09:00:00.000Z' }),
      programme({
        id: 'p2',
        title: 'Reflective practice — Emergency Operations Centre',
        status: 'PROPOSED',
        waitingOn: 'ORG_ADMIN',
        tenantName: 'Coastal Ambulance Service',
        teamName: 'Emergency Operations Centre',
        serviceType: 'GRP',
        updatedAt: '2027-07-01T08:30:00.000Z',
      }),
    ]);

    const requests = await screen.findByRole('region', { name: 'Requests to propose' });
    const [, request] = within(requests).getAllByRole('row');
    expect(within(request!).getByRole('link', { name: 'Group supervision — Family Assessment Team' }).getAttribute('href')).toBe('/admin/programmes/p1/propose');
    expect(
      within(request!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Northshire Children’s Services',
      'Family Assessment Team',
      'Group Therapeutic Support (GTS)',
      'Lena: propose facilitators and a schedule',
      '1 February 2027, 09:00 GMT',
    ]);

    const awaiting = screen.getByRole('region', { name: 'Awaiting acceptance' });
    const rows = within(awaiting).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByRole('link', { name: 'Reflective practice — Emergency Operations Centre' }).getAttribute('href')).toBe('/programmes/p2');
    // In the viewer's zone (the tests run in Europe/London): summer time in July.
    expect(rows[1]!.textContent).toContain('The organisation: accept the proposal or ask for changes');
    expect(rows[1]!.textContent).toContain('1 July 2027, 09:30 BST');
  });

  it('says so when nothing is waiting', async () => {
    renderPipeline([]);
    expect(await screen.findByRole('heading', { name: 'No requests waiting' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'No proposals waiting' })).toBeTruthy();
  });
});
