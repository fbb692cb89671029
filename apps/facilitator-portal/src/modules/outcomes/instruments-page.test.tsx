import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type Answer } from '../../test/fake-api.js';
import { tenant } from '../../test/fakes.js';
import { InstrumentsPage } from './instruments-page.js';

afterEach(cleanup);

const licence = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'InstrumentLicence',
  holder: 'Lena',
  terms: 'Written for this platform.',
  attribution: null,
  wordingMayChange: true,
  tenantMustConfirm: false,
  url: null,
  ...overrides,
});
const instrument = (key: string, title: string, overrides: Record<string, unknown> = {}) => ({
  __typename: 'OutcomeInstrument',
  key,
  version: 1,
  title,
  instructions: 'Answer each.',
  licenceOnly: false,
  tenantSpecific: false,
  itemCount: 19,
  usable: true,
  licence: licence(),
  subscales: [],
  confirmation: null,
  ...overrides,
});
const CBI = instrument('cbi', 'Copenhagen Burnout Inventory', { licence: licence({ holder: 'NRCWE', terms: 'Free to use without permission.' }) });
const PROQOL = instrument('proqol-5', 'ProQOL 5', {
  licenceOnly: true,
  usable: false,
  itemCount: 0,
  licence: licence({ holder: 'ProQOL.org', terms: 'Unaltered and credited.', tenantMustConfirm: true }),
});
const OWN = instrument('team-climate', 'Team climate', { version: 2, tenantSpecific: true, itemCount: 3, licence: licence({ holder: 'Northshire', terms: 'Its own.' }) });

const TENANTS: Answer = {
  data: {
    tenants: [tenant({ id: 't1', name: 'Northshire' })],
  },
};

function open(answers: Record<string, Answer[]>) {
  const api = fakeApi({ Tenants: [TENANTS], ...answers });
  render(
    <ApolloProvider client={api.client}>
      <InstrumentsPage />
    </ApolloProvider>,
  );
  return api;
}

// The first column heads each row (a row header), the rest are cells.
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...within(row).getAllByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent));

describe('the Instruments page', () => {
  it('lists the platform’s instruments with version and licence, then an organisation’s own and its confirmations when one is chosen', async () => {
    const api = open({
      OutcomeInstruments: [
        { data: { outcomeInstruments: [CBI, PROQOL] } },
        {
          data: {
            outcomeInstruments: [
              CBI,
              { ...PROQOL, confirmation: { __typename: 'LicenceConfirmation', confirmedAt: '2027-01-01T00:00:00.000Z', confirmedByName: 'Chris Coordinator' } },
              OWN,
            ],
          },
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Outcome instruments' });
    expect(rowsOf(table)).toEqual([
      ['Copenhagen Burnout Inventory', '1', 'Platform', '19', 'NRCWE: Free to use without permission.'],
      ['ProQOL 5', '1', 'Licence only', '—', 'ProQOL.org: Unaltered and credited. Each organisation confirms it first.'],
    ]);
    expect(screen.queryByRole('button', { name: 'Add instrument' })).toBeNull();

    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Organisation' }), 'Northshire');
    await waitFor(() => expect(rowsOf(screen.getByRole('table', { name: 'Outcome instruments' }))).toHaveLength(3));
    expect(rowsOf(screen.getByRole('table', { name: 'Outcome instruments' }))).toEqual([
      ['Copenhagen Burnout Inventory', '1', 'Platform', '19', 'NRCWE: Free to use without permission.'],
      ['ProQOL 5', '1', 'Licence only', '—', 'ProQOL.org: Unaltered and credited. Confirmed by Chris Coordinator.'],
      ['Team climate', '2', 'The organisation’s own', '3', 'Northshire: Its own.'],
    ]);
    expect(api.named('OutcomeInstruments').map((request) => request.variables)).toEqual([{ tenantId: null }, { tenantId: 't1' }]);
    expect(screen.getByRole('heading', { name: 'Add an instrument for Northshire' })).toBeTruthy();
  });

  it('adds an organisation’s instrument from labelled fields, its key suggested from the title', async () => {
    const api = open({
      OutcomeInstruments: [{ data: { outcomeInstruments: [CBI] } }],
      AddTenantInstrument: [{ data: { addTenantInstrument: OWN } }],
    });
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Organisation' }), 'Northshire');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Title' }), 'Team climate');
    expect((screen.getByRole('textbox', { name: 'Key' }) as HTMLInputElement).value).toBe('team-climate');
    await userEvent.type(screen.getByRole('textbox', { name: 'Instructions for respondents' }), 'Think of the last month.');
    await userEvent.type(screen.getByRole('textbox', { name: 'Answer choices' }), 'Disagree{Enter}Agree');
    await userEvent.type(screen.getByRole('textbox', { name: 'Items' }), 'I feel heard.{Enter}(R) I feel alone.');
    await userEvent.type(screen.getByRole('textbox', { name: 'Licence holder' }), 'Northshire');
    await userEvent.type(screen.getByRole('textbox', { name: 'Licence terms' }), 'Its own.');
    await userEvent.click(screen.getByRole('button', { name: 'Add instrument' }));

    expect(await screen.findByText('Team climate has been added for Northshire. Its admins can now choose it for their programmes.')).toBeTruthy();
    const [sent] = api.named('AddTenantInstrument');
    expect(sent?.variables.input).toMatchObject({
      tenantId: 't1',
      key: 'team-climate',
      items: [
        { key: 'item-1', text: 'I feel heard.', reversed: false },
        { key: 'item-2', text: 'I feel alone.', reversed: true },
      ],
      subscales: [{ title: 'Team climate', items: ['item-1', 'item-2'] }],
    });
  });

  it('shows what the API finds wrong, and what the form finds before sending nothing', async () => {
    const problem = 'Score “team-climate” gives a reliability outside 0 to 1.';
    const api = open({
      OutcomeInstruments: [{ data: { outcomeInstruments: [CBI] } }],
      AddTenantInstrument: [{ errors: [{ message: problem, extensions: { code: 'BAD_USER_INPUT', fieldProblems: [{ field: 'input', message: problem }] } }] }],
    });
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Organisation' }), 'Northshire');
    await userEvent.click(await screen.findByRole('button', { name: 'Add instrument' }));
    expect(await screen.findAllByText('Give at least two answer choices, one a line.')).not.toHaveLength(0);
    expect(api.named('AddTenantInstrument')).toHaveLength(0);

    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), 'Team climate');
    await userEvent.type(screen.getByRole('textbox', { name: 'Answer choices' }), 'No{Enter}Yes');
    await userEvent.type(screen.getByRole('textbox', { name: 'Items' }), 'I feel heard.');
    await userEvent.click(screen.getByRole('button', { name: 'Add instrument' }));
    expect(await screen.findAllByText(problem)).not.toHaveLength(0);
  });
});
