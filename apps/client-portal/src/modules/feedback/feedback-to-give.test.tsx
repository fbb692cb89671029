import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal, type Answerer } from '../../test/open-portal.js';
import { SharedActionItems } from '../delivery/shared-action-items.js';
import { FeedbackToGive } from './feedback-to-give.js';

afterEach(cleanup);

const SESSION = {
  __typename: 'FeedbackToGive',
  sessionId: 's1',
  programmeTitle: 'Night shift reflective practice',
  sequence: 2,
  sessionCount: 6,
  startsAt: '2027-03-24T10:00:00.000Z',
  closesAt: '2027-03-31T11:30:00.000Z',
};

function openHome(answers: Record<string, Answerer>, visited: string[] = []) {
  return openPortal(
    '/home',
    [
      {
        path: '/home',
        element: (
          <>
            <FeedbackToGive go={(address) => visited.push(address)} />
            <SharedActionItems />
          </>
        ),
      },
    ],
    {
      SharedActionItems: { data: { sharedActionItems: [] } },
      ...answers,
    },
  );
}

describe('a participant’s feedback to give', () => {
  it('lists each session still open and opens the anonymous page with a fresh link, asking for that session only', async () => {
    const user = userEvent.setup();
    const visited: string[] = [];
    const portal = openHome(
      {
        FeedbackToGive: { data: { feedbackToGive: [SESSION] } },
        OpenFeedbackLink: (variables) => ({ data: { openFeedbackLink: { __typename: 'OpenedFeedbackLink', secret: `secret-for-${String(variables.sessionId)}` } } }),
      },
      visited,
    );
    await screen.findByText('Night shift reflective practice, session 2 of 6');
    expect(screen.getByText(/open until 31 March 2027/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Give feedback on Night shift reflective practice, session 2' }));
    await waitFor(() => expect(visited).toEqual(['/feedback.html#secret-for-s1']));
    expect(portal.asked('OpenFeedbackLink').map((request) => request.variables)).toEqual([{ sessionId: 's1' }]);
  });

  it('says so when there is nothing to answer, and when a link can no longer be opened', async () => {
    const user = userEvent.setup();
    const visited: string[] = [];
    let listed = [SESSION];
    openHome(
      {
        FeedbackToGive: () => ({ data: { feedbackToGive: listed } }),
        OpenFeedbackLink: () => {
          listed = [];
          return { errors: [{ message: 'Feedback for that session was not found.', extensions: { code: 'NOT_FOUND' } }] };
        },
      },
      visited,
    );
    await user.click(await screen.findByRole('button', { name: /Give feedback/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('We could not open that feedback form.');
    await screen.findByRole('heading', { name: 'Nothing to give feedback on' });
    expect(visited).toEqual([]);
  });
});

describe('action items shared with the group', () => {
  it('shows the shared items with their session, and only those the API gives', async () => {
    openHome({
      FeedbackToGive: { data: { feedbackToGive: [] } },
      SharedActionItems: {
        data: {
          sharedActionItems: [
            {
              __typename: 'SharedActionItem',
              id: 'a1',
              text: 'Try the handover checklist for a fortnight',
              programmeId: 'p1',
              programmeTitle: 'Case discussion',
              sequence: 3,
              startsAt: '2027-03-24T10:00:00.000Z',
            },
          ],
        },
      },
    });
    await screen.findByText('Try the handover checklist for a fortnight');
    expect(screen.getByText('(Case discussion, session 3, 24 March 2027)')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Action items shared with your group' })).toBeTruthy();
  });
});
