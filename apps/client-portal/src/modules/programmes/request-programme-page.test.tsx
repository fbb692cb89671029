import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { programme } from '../../test/fakes.js';
import { openPortal, type Answerer } from '../../test/open-portal.js';
import { RequestProgrammePage } from './request-programme-page.js';

afterEach(cleanup);

const TEAM = { __typename: 'Team', id: 'team-1', name: 'Night Shift', archivedAt: null, createdAt: '2026-01-05T09:00:00.000Z', memberCount: 3 };

function openRequest(search: string, answers: Record<string, Answerer> = {}) {
  return openPortal(
    `/programmes/request${search}`,
    [
      { path: '/programmes/request', element: <RequestProgrammePage /> },
      { path: '/programmes/:id', element: <p>Programme page</p> },
    ],
    {
      Teams: { data: { teams: [TEAM] } },
      ...answers,
    },
  );
}

const field = (name: string | RegExp) => screen.getByRole('textbox', { name });

describe('requesting a programme', () => {
  it('is prefilled from the recommendation: the team, the service, a title, the organisation’s time zone', async () => {
    openRequest('?team=team-1&assessment=a-1&service=GTS');
    expect(((await screen.findByRole('combobox', { name: 'Team' })) as HTMLSelectElement).value).toBe('team-1');
    expect((screen.getByRole('combobox', { name: 'Service' }) as HTMLSelectElement).value).toBe('GTS');
    expect((field('Title') as HTMLInputElement).value).toBe('Group Therapeutic Support for Night Shift');
    expect((screen.getByRole('combobox', { name: 'How often' }) as HTMLSelectElement).value).toBe('WEEKLY');
    expect((screen.getByRole('combobox', { name: /^Time zone/ }) as HTMLInputElement).value).toMatch(/^Europe\/London/);
  });

  it('lists what is missing in an error summary, each linked to its field, and sends nothing', async () => {
    const user = userEvent.setup();
    const { asked } = openRequest('?team=team-1&service=GRP');
    await user.clear(await screen.findByRole('textbox', { name: 'Title' }));
    await user.clear(field('Number of sessions'));
    await user.type(field('Number of sessions'), 'ten');
    await user.click(screen.getByRole('button', { name: 'Request this programme' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Enter a title for the programme.', 'Enter the number of sessions as a whole number, for example 8.', 'Enter the video link for online sessions.']);
    expect(field('Title').getAttribute('aria-invalid')).toBe('true');
    expect(asked('RequestProgramme')).toEqual([]);
  });

  it('asks for two start times when rotating', async () => {
    const user = userEvent.setup();
    openRequest('?team=team-1&service=GRP');
    await user.click(await screen.findByRole('checkbox', { name: /Rotate the start time/ }));
    await user.type(field('Video link'), 'https://meet.example.org/night');
    await user.click(screen.getByRole('button', { name: 'Request this programme' }));
    expect(within(await screen.findByRole('alert')).getByRole('link').textContent).toBe('Enter at least two start times to rotate between.');
  });

  it('sends the request with the assessment it came from, then opens the programme', async () => {
    const user = userEvent.setup();
    const { asked, router } = openRequest('?team=team-1&assessment=a-1&service=GRP', {
      RequestProgramme: {
        data: {
          requestProgramme: programme({
            id: 'p-9',
            needsAssessmentId: 'a-1',
            serviceType: 'GRP',
            title: 'Group Reflective Practice for Night Shift',
            status: 'REQUESTED',
            waitingOn: 'PLATFORM_ADMIN',
            availableActions: ['CANCEL'],
            numberOfSessions: 8,
            cadence: 'FORTNIGHTLY',
            cadenceSummary: 'Every other Wednesday, 8 sessions',
            rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=8',
            minGroupSize: 4,
            maxGroupSize: 10,
            version: 1,
            enrolledCount: 0,
            updatedAt: '2027-01-05T09:00:00.000Z',
            facilitators: [],
          }),
        },
      },
    });
    await user.type(await screen.findByRole('textbox', { name: 'Video link' }), 'https://meet.example.org/night');
    await user.click(screen.getByRole('button', { name: 'Request this programme' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/programmes/p-9'));
    const [request] = asked('RequestProgramme');
    expect((request!.variables as { input: Record<string, unknown> }).input).toMatchObject({
      teamId: 'team-1',
      needsAssessmentId: 'a-1',
      serviceType: 'GRP',
      title: 'Group Reflective Practice for Night Shift',
      numberOfSessions: 8,
      cadence: 'FORTNIGHTLY',
      startTimes: ['10:00'],
      sessionLengthMinutes: 90,
      timeZone: 'Europe/London',
      deliveryMode: 'ONLINE',
      videoLink: 'https://meet.example.org/night',
      location: null,
      minGroupSize: 4,
      maxGroupSize: 10,
      membership: 'CLOSED',
    });
  });

  it('shows the API’s problems beside their fields, a rotating slot’s on the start times', async () => {
    const user = userEvent.setup();
    openRequest('?team=team-1&service=GRP', {
      RequestProgramme: {
        errors: [
          {
            message: 'Invalid input.',
            extensions: {
              code: 'BAD_USER_INPUT',
              fieldProblems: [
                { field: 'maxGroupSize', message: 'The largest group size cannot be smaller than the smallest.' },
                { field: 'startTimes.0', message: 'Enter times as HH:MM on a 24-hour clock.' },
              ],
            },
          },
        ],
      },
    });
    await user.type(await screen.findByRole('textbox', { name: 'Video link' }), 'https://meet.example.org/night');
    await user.click(screen.getByRole('button', { name: 'Request this programme' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['The largest group size cannot be smaller than the smallest.', 'Enter times as HH:MM on a 24-hour clock.']);
    // The fieldset comes first; React Aria's time field inside it is a group of the same name.
    expect(screen.getAllByRole('group', { name: 'Start time' })[0]!.textContent).toContain('Enter times as HH:MM on a 24-hour clock.');
  });
});
