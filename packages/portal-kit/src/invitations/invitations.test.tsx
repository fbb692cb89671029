import { createLenaApolloClient, InviteParticipantDocument, ResendInvitationDocument, type InvitationFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { Button, SelectField } from '@lena/ui';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvitationsTable } from './invitations-table.js';
import { InviteForm } from './invite-form.js';
import { ManagedInvitations } from './managed-invitations.js';

afterEach(cleanup);

type Answer = { data: unknown } | { errors: unknown[] };

/** An API that records each request's variables (and operation) and gives the next answer. */
function fakeApi(...answers: Answer[]) {
  const requests: Record<string, unknown>[] = [];
  const operations: string[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const request = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> };
    requests.push(request.variables);
    operations.push(request.operationName);
    const body = answers.shift() ?? { errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return { client: createLenaApolloClient({ uri: 'http://api.test/graphql', fetch }), requests, operations };
}

function invitation(overrides: Partial<InvitationFieldsFragment>): InvitationFieldsFragment {
  return {
    id: 'i1',
    email: 'alex@riverside-fire.test',
    displayName: null,
    role: 'PARTICIPANT',
    tenantId: 't1',
    teamId: null,
    status: 'PENDING',
    createdAt: '2026-11-20T09:00:00.000Z',
    expiresAt: '2026-11-27T14:30:00.000Z',
    acceptedAt: null,
    ...overrides,
  };
}

const SENT = { data: { inviteParticipant: { __typename: 'Invitation', ...invitation({ teamId: 'blue' }) } } };

/** The client portal's use: the shared fields plus a team, sent as a real mutation. */
function InviteParticipant({ api }: { api: ReturnType<typeof fakeApi> }) {
  return (
    <InviteForm
      id="invite-participant"
      send={({ email, displayName }, { teamId }) =>
        api.client.mutate({ mutation: InviteParticipantDocument, variables: { input: { email, displayName, teamId: teamId || null } } })
      }
      resend={(id) => api.client.mutate({ mutation: ResendInvitationDocument, variables: { id } })}
      extraFields={{
        initial: { teamId: '' },
        render: (values, change) => (
          <SelectField
            label="Team"
            name="teamId"
            options={[
              { value: '', label: 'No team' },
              { value: 'blue', label: 'Blue Watch' },
            ]}
            value={values.teamId}
            onChange={(teamId) => change({ teamId })}
          />
        ),
      }}
    />
  );
}

const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }));

describe('InviteForm', () => {
  it('sends the email, the name and the portal’s own fields, then says who it went to and clears every field', async () => {
    const api = fakeApi(SENT);
    render(<InviteParticipant api={api} />);
    type('Email address', '  alex@riverside-fire.test ');
    type('Full name', ' Alex Kim ');
    type('Team', 'blue');
    send();

    const sent = await screen.findByRole('status');
    expect(sent.textContent).toBe('Invitation sent to alex@riverside-fire.test.');
    expect(api.requests).toEqual([{ input: { email: 'alex@riverside-fire.test', displayName: 'Alex Kim', teamId: 'blue' } }]);
    expect(field('Email address').value).toBe('');
    expect(field('Full name').value).toBe('');
    expect(field('Team').value).toBe('');
  });

  it('sends no name when the optional name is left empty', async () => {
    const api = fakeApi(SENT);
    render(<InviteParticipant api={api} />);
    type('Email address', 'alex@riverside-fire.test');
    send();
    await screen.findByRole('status');
    expect(api.requests).toEqual([{ input: { email: 'alex@riverside-fire.test', displayName: null, teamId: null } }]);
  });

  it('asks for an email address before sending anything', async () => {
    const api = fakeApi();
    render(<InviteParticipant api={api} />);
    send();

    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(within(summary).getByRole('link', { name: 'Enter an email address.' }).getAttribute('href')).toBe('#invite-participant-email');
    expect(field('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests).toEqual([]);
  });

  it('shows the API’s problems inline, on the portal’s own fields too, and keeps what was typed', async () => {
    const api = fakeApi({
      errors: [
        {
          message: 'Check the invitation.',
          extensions: { code: 'BAD_USER_INPUT', fieldProblems: [{ field: 'teamId', message: 'Choose a team that is not archived.' }] },
        },
      ],
    });
    render(<InviteParticipant api={api} />);
    type('Email address', 'alex@riverside-fire.test');
    type('Team', 'blue');
    send();

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose a team that is not archived.' }).getAttribute('href')).toBe('#invite-participant-teamId');
    expect(field('Team').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('invite-participant-teamId-error')?.textContent).toBe('Error: Choose a team that is not archived.');
    expect(field('Email address').value).toBe('alex@riverside-fire.test');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows any other refusal as one message, and sends again when asked', async () => {
    const api = fakeApi({ errors: [{ message: 'That person is already a member.', extensions: { code: 'CONFLICT' } }] }, SENT);
    render(<InviteParticipant api={api} />);
    type('Email address', 'alex@riverside-fire.test');
    send();
    expect((await screen.findByRole('alert')).textContent).toContain('That person is already a member.');

    send();
    await screen.findByRole('status');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(api.requests).toHaveLength(2);
  });
});

describe('InviteForm and an address with a pending invitation', () => {
  const PENDING = {
    errors: [
      {
        message: 'alex@riverside-fire.test already has a pending invitation to this organisation (as a participant). Resend it to send them a fresh link.',
        extensions: { code: 'CONFLICT', existing: { type: 'invitation', id: 'pending-1' } },
      },
    ],
  };
  const RESENT = { data: { resendInvitation: { __typename: 'Invitation', ...invitation({ id: 'pending-1' }) } } };

  it('shows why and offers to resend the pending invitation; resending says so and clears every field', async () => {
    const api = fakeApi(PENDING, RESENT);
    render(<InviteParticipant api={api} />);
    type('Email address', 'alex@riverside-fire.test');
    type('Full name', 'Alex Kim');
    type('Team', 'blue');
    send();

    expect((await screen.findByRole('alert')).textContent).toContain('already has a pending invitation to this organisation');
    expect(field('Email address').value).toBe('alex@riverside-fire.test');
    expect(screen.getByRole('status').textContent).toContain('the link in the earlier email stops working');
    fireEvent.click(screen.getByRole('button', { name: 'Resend invitation to alex@riverside-fire.test' }));

    const resent = 'A new invitation has been sent to alex@riverside-fire.test. The link in the earlier email no longer works.';
    await screen.findByText(resent);
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toEqual([resent]);
    expect(api.operations).toEqual(['InviteParticipant', 'ResendInvitation']);
    expect(api.requests[1]).toEqual({ id: 'pending-1' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Resend/ })).toBeNull();
    expect([field('Email address').value, field('Full name').value, field('Team').value]).toEqual(['', '', '']);
  });

  it('withdraws the offer once another address is typed', async () => {
    const api = fakeApi(PENDING);
    render(<InviteParticipant api={api} />);
    type('Email address', 'alex@riverside-fire.test');
    send();
    await screen.findByRole('button', { name: 'Resend invitation to alex@riverside-fire.test' });

    type('Email address', 'sam@riverside-fire.test');
    expect(screen.queryByRole('button', { name: /^Resend/ })).toBeNull();
    expect(api.operations).toEqual(['InviteParticipant']);
  });

  it('offers nothing to resend for any other conflict', async () => {
    const api = fakeApi({ errors: [{ message: 'That person is already a member of this organisation.', extensions: { code: 'CONFLICT' } }] });
    render(<InviteParticipant api={api} />);
    type('Email address', 'alex@riverside-fire.test');
    send();
    expect((await screen.findByRole('alert')).textContent).toContain('That person is already a member of this organisation.');
    expect(screen.queryByRole('button', { name: /^Resend/ })).toBeNull();
  });

  it('shows why a resend failed, keeping what was typed', async () => {
    const api = fakeApi(PENDING, { errors: [{ message: 'alex@riverside-fire.test has already accepted this invitation.', extensions: { code: 'CONFLICT' } }] });
    render(<InviteParticipant api={api} />);
    type('Email address', 'alex@riverside-fire.test');
    send();
    fireEvent.click(await screen.findByRole('button', { name: 'Resend invitation to alex@riverside-fire.test' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('has already accepted this invitation.'));
    expect(screen.queryByRole('status')).toBeNull();
    expect(field('Email address').value).toBe('alex@riverside-fire.test');
  });
});

describe('ManagedInvitations', () => {
  const rows = [
    invitation({ id: 'pending', email: 'alex@riverside-fire.test' }),
    invitation({ id: 'expired', email: 'sam@riverside-fire.test', status: 'EXPIRED', createdAt: '2026-11-10T09:00:00.000Z' }),
    invitation({ id: 'accepted', email: 'morgan@riverside-fire.test', status: 'ACCEPTED', createdAt: '2026-11-01T09:00:00.000Z' }),
  ];
  const renderManaged = (api: ReturnType<typeof fakeApi>) =>
    render(
      <ApolloProvider client={api.client}>
        <ManagedInvitations invitations={rows} caption="Sent invitations" />
      </ApolloProvider>,
    );
  const actionsOf = () =>
    within(screen.getByRole('table', { name: 'Sent invitations' }))
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .queryAllByRole('button')
          .map((button) => button.textContent),
      );

  it('offers Resend while pending or expired and Revoke while pending; nothing once accepted', () => {
    renderManaged(fakeApi());
    expect(actionsOf()).toEqual([
      ['Resend invitation to alex@riverside-fire.test', 'Revoke invitation for alex@riverside-fire.test'],
      ['Resend invitation to sam@riverside-fire.test'],
      [],
    ]);
  });

  it('resends after a confirmation, updates the row and says so', async () => {
    const api = fakeApi({
      data: {
        resendInvitation: {
          __typename: 'Invitation',
          ...invitation({ id: 'expired', email: 'sam@riverside-fire.test', status: 'PENDING', createdAt: '2026-11-10T09:00:00.000Z', expiresAt: '2026-12-04T10:00:00.000Z' }),
        },
      },
    });
    renderManaged(api);
    fireEvent.click(screen.getByRole('button', { name: 'Resend invitation to sam@riverside-fire.test' }));
    const dialog = screen.getByRole('dialog', { name: 'Send a new invitation to sam@riverside-fire.test?' });
    expect(api.requests).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, send a new invitation' }));

    expect((await screen.findByRole('status')).textContent).toBe('A new invitation has been sent to sam@riverside-fire.test.');
    expect(api.operations).toEqual(['ResendInvitation']);
    expect(api.requests).toEqual([{ id: 'expired' }]);
    // The dialog closes once the mutation's promise settles, which may come a render after the status.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('revokes after a confirmation; a refusal shows in the dialog; Cancel sends nothing', async () => {
    const api = fakeApi({ errors: [{ message: 'That invitation was not found.', extensions: { code: 'NOT_FOUND' } }] });
    renderManaged(api);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke invitation for alex@riverside-fire.test' }));
    let dialog = screen.getByRole('dialog', { name: 'Revoke the invitation for alex@riverside-fire.test?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.requests).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke invitation for alex@riverside-fire.test' }));
    dialog = screen.getByRole('dialog', { name: 'Revoke the invitation for alex@riverside-fire.test?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, revoke invitation' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('That invitation was not found.');
    expect(api.operations).toEqual(['RevokeInvitation']);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('InvitationsTable', () => {
  const invitations = [
    invitation({ id: 'old', email: 'morgan@riverside-fire.test', displayName: 'Morgan Lee', status: 'ACCEPTED', createdAt: '2026-11-01T09:00:00.000Z' }),
    invitation({ id: 'new', teamId: 'blue' }),
    invitation({ id: 'gone', email: 'sam@riverside-fire.test', status: 'REVOKED', createdAt: '2026-11-10T09:00:00.000Z' }),
  ];
  const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
  const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent);

  it('lists invitations newest first, with the portal’s columns, status and expiry in the viewer’s zone', () => {
    render(
      <InvitationsTable
        invitations={invitations}
        caption="Sent invitations"
        extraColumns={[{ key: 'team', header: 'Team', cell: (row) => (row.teamId === 'blue' ? 'Blue Watch' : '—') }]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Sent invitations' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Email address', 'Name', 'Team', 'Status', 'Sent', 'Expires']);
    expect(rowsOf(table).map(cells)).toEqual([
      ['alex@riverside-fire.test', '—', 'Blue Watch', 'Pending', '20 November 2026, 09:00 GMT', '27 November 2026, 14:30 GMT'],
      ['sam@riverside-fire.test', '—', '—', 'Revoked', '10 November 2026, 09:00 GMT', '—'],
      ['morgan@riverside-fire.test', 'Morgan Lee', '—', 'Accepted', '1 November 2026, 09:00 GMT', '—'],
    ]);
  });

  it('offers the portal’s action where it has one, and a dash where it has none', () => {
    const revoke = vi.fn();
    render(
      <InvitationsTable
        invitations={invitations}
        caption="Sent invitations"
        actions={(row) => row.status === 'PENDING' && <Button onClick={() => revoke(row.id)}>Revoke invitation for {row.email}</Button>}
      />,
    );
    const table = screen.getByRole('table', { name: 'Sent invitations' });
    expect(within(table).getAllByRole('columnheader').at(-1)?.textContent).toBe('Actions');
    expect(rowsOf(table).map((row) => cells(row).at(-1))).toEqual(['Revoke invitation for alex@riverside-fire.test', '—', '—']);
    fireEvent.click(within(table).getByRole('button', { name: 'Revoke invitation for alex@riverside-fire.test' }));
    expect(revoke).toHaveBeenCalledWith('new');
  });

  it('says when nothing has been sent yet', () => {
    render(<InvitationsTable invitations={[]} caption="Sent invitations" actions={() => null} />);
    expect(screen.getByRole('heading', { level: 3, name: 'No invitations yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
