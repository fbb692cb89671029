import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { programme } from '../../test/fakes.js';
import { openPortal } from '../../test/open-portal.js';
import { MySessionsPage } from './my-sessions-page.js';

afterEach(cleanup);

/** Sam's enrolment, with the group agreement accepted or not. */
const enrolment = (agreementCurrent: boolean) => ({
  __typename: 'MyEnrolment',
  enrolledAt: '2027-01-07T09:00:00.000Z',
  agreementVersion: agreementCurrent ? '2026-12' : null,
  agreementAcceptedAt: agreementCurrent ? '2027-01-08T09:00:00.000Z' : null,
  agreementCurrent,
});

/** Sam's accepted programme. */
const enrolledProgramme = (agreementCurrent: boolean) =>
  programme({
    serviceType: 'GRP',
    title: 'Reflective Practice',
    status: 'ACCEPTED',
    waitingOn: null,
    availableActions: [],
    videoLink: 'https://meet.example.org/reflect',
    maxGroupSize: 8,
    version: 3,
    enrolledCount: 5,
    facilitators: [],
    schedulePreview: [],
    myEnrolment: enrolment(agreementCurrent),
  });

const SESSION = {
  __typename: 'AgendaSession',
  id: 's-1',
  tenantId: 't1',
  tenantName: 'Northshire',
  programmeId: 'p-1',
  programmeTitle: 'Reflective Practice',
  serviceType: 'GRP',
  sequence: 1,
  startsAt: '2027-03-17T10:00:00.000Z',
  endsAt: '2027-03-17T11:30:00.000Z',
  status: 'SCHEDULED',
  statusReason: null,
  deliveryMode: 'ONLINE',
  videoLink: 'https://meet.example.org/reflect',
  location: null,
  timeZone: 'Europe/London',
  enrolledCount: 5,
};

const AGREEMENT = {
  __typename: 'GroupAgreement',
  serviceType: 'GRP',
  version: '2026-12',
  title: 'Group Reflective Practice: our group agreement',
  introduction: 'These ground rules keep the group a safe place to speak.',
  rules: ['What is said in the group stays in the group.', 'Speak for yourself.'],
};

describe('a participant’s sessions', () => {
  it('asks for the group agreement first, hiding how to join until it is accepted, then shows the join link in the viewer’s zone', async () => {
    const user = userEvent.setup();
    let accepted = false;
    const { asked } = openPortal('/sessions', [{ path: '/sessions', element: <MySessionsPage timeZone="Europe/Paris" /> }], {
      MyProgrammes: () => ({ data: { myProgrammes: [enrolledProgramme(accepted)] } }),
      MyGroupSessions: { data: { myGroupSessions: { __typename: 'AgendaPage', items: [SESSION], nextCursor: null } } },
      GroupAgreement: { data: { groupAgreement: AGREEMENT } },
      CalendarSubscription: { data: { calendarSubscription: null } },
      AcceptGroupAgreement: () => {
        accepted = true;
        return { data: { acceptGroupAgreement: enrolment(true) } };
      },
    });

    const agreement = await screen.findByRole('region', { name: AGREEMENT.title });
    expect(
      within(agreement)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(AGREEMENT.rules);
    const session = await screen.findByRole('article', { name: 'Reflective Practice, session 1' });
    // 10:00 UTC is 11:00 in Paris.
    expect(session.textContent).toContain('11:00–12:30');
    expect(session.textContent).toContain('Accept the group agreement above to see how to join.');
    expect(within(session).queryByRole('link')).toBeNull();

    await user.click(within(agreement).getByRole('button', { name: /^I accept the group agreement/ }));
    await waitFor(() =>
      expect(screen.queryAllByRole('status').map((banner) => banner.textContent)).toContain('Thank you: you have accepted the group agreement for Reflective Practice.'),
    );
    expect(asked('AcceptGroupAgreement').map((request) => request.variables)).toEqual([{ programmeId: 'p-1' }]);
    await waitFor(() => expect(screen.queryByRole('region', { name: AGREEMENT.title })).toBeNull());
    const joinable = screen.getByRole('article', { name: 'Reflective Practice, session 1' });
    expect(
      within(joinable)
        .getByRole('link', { name: /^Join online/ })
        .getAttribute('href'),
    ).toBe('https://meet.example.org/reflect');
    expect(within(joinable).getByRole('button', { name: /^Add to calendar/ })).toBeTruthy();
  });
});
