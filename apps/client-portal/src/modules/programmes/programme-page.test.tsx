import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { programme as fakeProgramme } from '../../test/fakes.js';
import { openPortal, type Answerer } from '../../test/open-portal.js';
import { ProgrammePage } from './programme-page.js';

afterEach(cleanup);

const person = (userId: string, displayName: string) => ({
  __typename: 'Member',
  userId,
  displayName,
  email: `${displayName.split(' ')[0]!.toLowerCase()}@northshire.test`,
  role: 'PARTICIPANT',
  teamIds: ['team-1'],
  joinedAt: '2026-01-05T09:00:00.000Z',
});
const SAM = person('u-sam', 'Sam Taylor');
const AISHA = person('u-aisha', 'Aisha Rahman');
const LI = person('u-li', 'Li Wei');

// Its enrolments as ProgrammeWithEnrolments selects them; the rest is the shared fake programme.
function programme(overrides: Record<string, unknown> = {}) {
  return fakeProgramme({
    enrolments: [
      {
        __typename: 'Enrolment',
        userId: SAM.userId,
        displayName: SAM.displayName,
        email: SAM.email,
        enrolledAt: '2027-01-07T09:00:00.000Z',
        agreementVersion: null,
        agreementAcceptedAt: null,
      },
    ],
    ...overrides,
  });
}

function openProgramme(answers: Record<string, Answerer>, shown: Record<string, unknown> = {}) {
  return openPortal('/programmes/p-1', [{ path: '/programmes/:id', element: <ProgrammePage timeZone="America/New_York" /> }], {
    ProgrammeWithEnrolments: { data: { programme: programme(shown) } },
    // No outcome measures chosen yet, and nothing to choose from (outcome-measures-section.test.tsx tests the section).
    // Its status as shown: Apollo keeps one Programme:p-1 for both queries.
    ProgrammeOutcomePlan: { data: { programme: { __typename: 'Programme', id: 'p-1', status: programme(shown).status, outcomePlan: null } } },
    OutcomeInstruments: { data: { outcomeInstruments: [] } },
    // Accepted programmes list their stored sessions: one moved, one cancelled.
    ProgrammeSessions: {
      data: {
        programme: {
          __typename: 'Programme',
          id: 'p-1',
          sessions: [
            {
              __typename: 'ProgrammeSession',
              id: 's-1',
              sequence: 1,
              startsAt: '2027-03-16T14:00:00.000Z',
              endsAt: '2027-03-16T15:30:00.000Z',
              status: 'SCHEDULED',
              statusReason: 'Moved for the away day',
              version: 2,
            },
            {
              __typename: 'ProgrammeSession',
              id: 's-2',
              sequence: 2,
              startsAt: '2027-03-23T14:00:00.000Z',
              endsAt: '2027-03-23T15:30:00.000Z',
              status: 'CANCELLED',
              statusReason: 'Facilitator unwell',
              version: 2,
            },
          ],
        },
      },
    },
    // No feedback yet: the API's words instead of numbers.
    FeedbackResults: {
      data: {
        feedbackResults: {
          __typename: 'FeedbackResults',
          programmeId: 'p-1',
          minGroupSize: 5,
          // Nothing published yet.
          updatedOn: null,
          instrument: null,
          programme: {
            __typename: 'FeedbackFigure',
            scores: { shown: false, withheldReason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses', responses: null, items: null },
            comments: { shown: false, withheldReason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses', comments: null },
          },
          sessions: [],
        },
      },
    },
    // Nothing measured yet: the sessions alone, and the attendance withheld in the API's words.
    ProgrammeOutcomes: {
      data: {
        programmeOutcomes: {
          __typename: 'ProgrammeOutcomes',
          programmeId: 'p1',
          title: 'Night shift reflective practice',
          teamId: 't1',
          teamName: 'Night shift',
          serviceType: 'GRP',
          minGroupSize: 5,
          sessions: { __typename: 'OutcomeSessionCounts', bought: 6, planned: 6, delivered: 0, cancelled: 0 },
          attendance: { __typename: 'OutcomeAttendance', shown: false, withheldReason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses', people: null, rate: null },
          changes: [],
          feedback: null,
        },
      },
    },
    // As the API shows an org admin: their own people by name, the provider's as "Lena", no overridden conflicts.
    ProgrammeHistory: {
      data: {
        programme: {
          __typename: 'Programme',
          id: 'p-1',
          tenantName: 'Northshire',
          history: [
            {
              __typename: 'ProgrammeHistoryEntry',
              id: '11',
              occurredAt: '2027-01-05T09:00:00.000Z',
              event: 'REQUESTED',
              party: 'ORGANISATION',
              actorName: 'Olu Okafor',
              reason: null,
            },
            { __typename: 'ProgrammeHistoryEntry', id: '12', occurredAt: '2027-01-06T09:00:00.000Z', event: 'PROPOSED', party: 'PROVIDER', actorName: null, reason: null },
            {
              __typename: 'ProgrammeHistoryEntry',
              id: '13',
              occurredAt: '2027-01-07T09:00:00.000Z',
              event: 'CANCELLED',
              party: 'ORGANISATION',
              actorName: null,
              reason: 'The team was merged.',
            },
          ],
        },
      },
    },
    Team: {
      data: { team: { __typename: 'Team', id: 'team-1', name: 'Night Shift', archivedAt: null, createdAt: '2026-01-05T09:00:00.000Z', memberCount: 3, members: [SAM, AISHA, LI] } },
    },
    ...answers,
  });
}

const banners = () => screen.queryAllByRole('status').map((banner) => banner.textContent);

describe('the programme’s history', () => {
  it('lists each step with when (in the viewer’s zone), what, who and the reason, naming the provider as Lena', async () => {
    openProgramme({});
    const history = await screen.findByRole('region', { name: 'History' });
    const rows = await within(history).findAllByRole('row');
    const text = rows.slice(1).map((row) => Array.from(row.children, (cell) => cell.textContent));
    expect(text).toEqual([
      [expect.stringMatching(/^5 Jan/), 'Requested', 'Olu Okafor', '—'],
      [expect.stringMatching(/^6 Jan/), 'Proposed', 'Lena', '—'],
      [expect.stringMatching(/^7 Jan/), 'Cancelled', 'An admin at Northshire', 'The team was merged.'],
    ]);
    expect(Array.from(history.querySelectorAll('time'), (time) => time.getAttribute('datetime'))).toEqual([
      '2027-01-05T09:00:00.000Z',
      '2027-01-06T09:00:00.000Z',
      '2027-01-07T09:00:00.000Z',
    ]);
  });
});

describe('an accepted programme', () => {
  it('lists its stored sessions in the viewer’s zone, with what changed and why', async () => {
    openProgramme({}, { status: 'ACCEPTED', waitingOn: null, availableActions: ['CANCEL'] });
    const sessions = (await screen.findByRole('heading', { name: 'Sessions' })).closest('section')!;
    const items = await within(sessions).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Session 1: .*16 March 2027, 10:00.* — Moved for the away day$/),
      expect.stringMatching(/^Session 2: .*23 March 2027, 10:00.*Cancelled — Facilitator unwell$/),
    ]);
    expect(screen.queryByRole('heading', { name: 'Proposed schedule' })).toBeNull();
  });
});

describe('a programme’s proposal', () => {
  it('shows the schedule in the viewer’s zone with the programme’s own clock beside it, and who facilitates', async () => {
    openProgramme({});
    const schedule = (await screen.findByRole('heading', { name: 'Proposed schedule' })).closest('section')!;
    expect(
      within(schedule)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Session 1: 17 March 2027, 06:00 EDT to 07:30 (10:00 in Europe/London)', 'Session 2: 24 March 2027, 06:00 EDT to 07:30 (10:00 in Europe/London)']);
    expect(schedule.textContent).toContain('Times are in America/New_York, your time zone; the programme is arranged in Europe/London.');
    expect(schedule.textContent).toContain('And 4 more.');
    expect(screen.getByText('Dr Ada Reyes, lead facilitator')).toBeTruthy();
  });

  it('accepts after asking, sending the version it showed', async () => {
    const user = userEvent.setup();
    const { asked } = openProgramme({
      AcceptProgramme: { data: { acceptProgramme: programme({ status: 'ACCEPTED', waitingOn: null, availableActions: ['CANCEL'], version: 5 }) } },
    });
    await user.click(await screen.findByRole('button', { name: 'Accept proposal' }));
    const dialog = screen.getByRole('dialog', { name: 'Accept Support for Night Shift?' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, accept' }));
    await waitFor(() => expect(banners()).toContain('You have accepted Support for Night Shift. Its sessions are being scheduled.'));
    expect(asked('AcceptProgramme').map((request) => request.variables)).toEqual([{ input: { programmeId: 'p-1', version: 4 }, previewCount: 6 }]);
  });

  it('sends a proposal back for changes after asking, with the version it showed', async () => {
    const user = userEvent.setup();
    const { asked } = openProgramme({
      RequestProgrammeChanges: { data: { requestProgrammeChanges: programme({ status: 'REQUESTED', waitingOn: 'PLATFORM_ADMIN', availableActions: ['CANCEL'], version: 5 }) } },
    });
    await user.click(await screen.findByRole('button', { name: 'Ask for changes' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Ask for changes to Support for Night Shift?' })).getByRole('button', { name: 'Yes, send it back' }));
    await waitFor(() => expect(banners()).toContain('Support for Night Shift has gone back to the provider, who will contact you to agree the changes.'));
    expect(asked('RequestProgrammeChanges').map((request) => request.variables)).toEqual([{ input: { programmeId: 'p-1', version: 4 }, previewCount: 6 }]);
  });

  it('shows a CONFLICT as the API words it, in the dialog', async () => {
    const user = userEvent.setup();
    const message = 'Someone else changed this programme while you were looking at it. Reload it and try again.';
    openProgramme({ AcceptProgramme: { errors: [{ message, extensions: { code: 'CONFLICT' } }] } });
    await user.click(await screen.findByRole('button', { name: 'Accept proposal' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, accept' }));
    expect(await within(screen.getByRole('dialog')).findByText(message)).toBeTruthy();
  });

  it('will not cancel without a reason, and sends the reason given', async () => {
    const user = userEvent.setup();
    const { asked } = openProgramme({
      CancelProgramme: { data: { cancelProgramme: programme({ status: 'CANCELLED', availableActions: [], cancelledReason: 'Team disbanded' }) } },
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel programme' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel Support for Night Shift?' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel the programme' }));
    expect(await within(dialog).findByText('Give a reason for cancelling.')).toBeTruthy();
    expect(asked('CancelProgramme')).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Team disbanded');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel the programme' }));
    await waitFor(() => expect(banners()).toContain('Support for Night Shift has been cancelled.'));
    expect(asked('CancelProgramme').map((request) => request.variables)).toEqual([{ input: { programmeId: 'p-1', version: 4, reason: 'Team disbanded' }, previewCount: 6 }]);
  });
});

const ACCEPTED = { status: 'ACCEPTED', waitingOn: null, availableActions: ['CANCEL'] };

describe('enrolment', () => {
  it('waits for the proposal to be accepted', async () => {
    openProgramme({});
    expect(await screen.findByText('You can enrol people once you have accepted the proposal.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enrol' })).toBeNull();
  });

  it('shows places left and refuses to choose more people than there are places, sending nothing', async () => {
    const user = userEvent.setup();
    const { asked } = openProgramme({}, ACCEPTED);
    expect(await screen.findByText('1 enrolled, 2 places left (at most 3).')).toBeTruthy();
    // Sam is enrolled already, so only the others are offered.
    const group = await screen.findByRole('group', { name: 'Team members to enrol' });
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((box) => box.getAttribute('value')),
    ).toEqual([AISHA.userId, LI.userId]);
    await user.click(screen.getByRole('button', { name: 'Enrol' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Choose at least one person to enrol.');
    expect(asked('EnrolMember')).toEqual([]);
  });

  it('enrols each person chosen, and says who', async () => {
    const user = userEvent.setup();
    const { asked } = openProgramme({ EnrolMember: () => ({ data: { enrolMember: programme({ ...ACCEPTED, enrolledCount: 2 }) } }) }, ACCEPTED);
    await user.click(await screen.findByRole('checkbox', { name: 'Aisha Rahman' }));
    await user.click(screen.getByRole('checkbox', { name: 'Li Wei' }));
    await user.click(screen.getByRole('button', { name: 'Enrol' }));
    await waitFor(() => expect(banners()).toContain('Aisha Rahman, Li Wei have been enrolled.'));
    expect(asked('EnrolMember').map((request) => (request.variables as { input: unknown }).input)).toEqual([
      { programmeId: 'p-1', userId: AISHA.userId },
      { programmeId: 'p-1', userId: LI.userId },
    ]);
  });

  it('shows the API’s refusal when the group filled up meanwhile', async () => {
    const user = userEvent.setup();
    const message = 'Support for Night Shift is full: it takes at most 3 people.';
    openProgramme({ EnrolMember: { errors: [{ message, extensions: { code: 'CONFLICT' } }] } }, ACCEPTED);
    await user.click(await screen.findByRole('checkbox', { name: 'Aisha Rahman' }));
    await user.click(screen.getByRole('button', { name: 'Enrol' }));
    expect((await screen.findByRole('alert')).textContent).toContain(message);
  });

  it('withdraws someone after asking', async () => {
    const user = userEvent.setup();
    const { asked } = openProgramme({ WithdrawMember: { data: { withdrawMember: programme({ enrolments: [], enrolledCount: 0 }) } } });
    await user.click(await screen.findByRole('button', { name: /^Withdraw\s*Sam Taylor$/ }));
    await user.click(within(screen.getByRole('dialog', { name: 'Withdraw Sam Taylor?' })).getByRole('button', { name: 'Yes, withdraw' }));
    await waitFor(() => expect(banners()).toContain('Sam Taylor has been withdrawn.'));
    expect(asked('WithdrawMember').map((request) => request.variables)).toEqual([{ input: { programmeId: 'p-1', userId: SAM.userId }, previewCount: 6 }]);
  });
});
