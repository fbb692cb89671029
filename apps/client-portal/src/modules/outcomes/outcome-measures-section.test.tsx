import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal, type Answerer } from '../../test/open-portal.js';
import { OutcomeMeasuresSection } from './outcome-measures-section.js';

afterEach(cleanup);

const licence = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'InstrumentLicence',
  holder: 'Lena',
  terms: 'Written for this platform; free for every organisation using it.',
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
  itemCount: 6,
  usable: true,
  licence: licence(),
  subscales: [],
  confirmation: null,
  ...overrides,
});

const CBI = instrument('cbi', 'Copenhagen Burnout Inventory', {
  licence: licence({ holder: 'NRCWE', terms: 'Free to use without permission.', attribution: 'Kristensen TS et al. (2005), Work & Stress 19(3).', wordingMayChange: false }),
});
const GRP = instrument('lena-grp-outcome', 'Reflective practice outcome (Lena, 6 items)');
const PROQOL = instrument('proqol-5', 'Professional Quality of Life Scale (ProQOL 5)', {
  licenceOnly: true,
  usable: false,
  instructions: null,
  licence: licence({
    holder: 'ProQOL.org',
    terms: 'May be copied if unaltered and credited.',
    attribution: 'B. Hudnall Stamm, 2009–2012.',
    wordingMayChange: false,
    tenantMustConfirm: true,
  }),
});

const PLAN = {
  __typename: 'ProgrammeOutcomePlan',
  instruments: [
    { __typename: 'PlannedInstrument', key: 'cbi', version: 1, title: 'Copenhagen Burnout Inventory', attribution: 'Kristensen TS et al. (2005), Work & Stress 19(3).' },
  ],
  midpoint: false,
  followUpMonths: 3,
  // 26 April 2027 10:00 UTC is 06:00 in New York (EDT).
  windows: [
    { __typename: 'MeasurementWindow', point: 'BASELINE', opensAt: '2027-04-26T10:00:00.000Z', closesAt: '2027-05-03T10:00:00.000Z' },
    { __typename: 'MeasurementWindow', point: 'FINAL', opensAt: '2027-05-17T11:30:00.000Z', closesAt: '2027-05-31T11:30:00.000Z' },
    { __typename: 'MeasurementWindow', point: 'FOLLOW_UP', opensAt: '2027-08-17T11:30:00.000Z', closesAt: '2027-08-31T11:30:00.000Z' },
  ],
  updatedAt: '2027-04-01T09:00:00.000Z',
};

function open(answers: Record<string, Answerer>, status = 'ACCEPTED') {
  return openPortal('/programmes/p-1', [{ path: '/programmes/:id', element: <OutcomeMeasuresSection programmeId="p-1" timeZone="America/New_York" /> }], {
    ProgrammeOutcomePlan: { data: { programme: { __typename: 'Programme', id: 'p-1', status, outcomePlan: null } } },
    OutcomeInstruments: { data: { outcomeInstruments: [CBI, GRP, PROQOL] } },
    ...answers,
  });
}

describe('Outcome measures on a programme', () => {
  it('shows each questionnaire with its licence and attribution; ProQOL cannot be ticked until its licence is accepted', async () => {
    let confirmed = false;
    const portal = open({
      OutcomeInstruments: () => ({
        data: {
          outcomeInstruments: [
            CBI,
            GRP,
            confirmed
              ? { ...PROQOL, usable: true, confirmation: { __typename: 'LicenceConfirmation', confirmedAt: '2027-04-01T09:00:00.000Z', confirmedByName: 'Chris Coordinator' } }
              : PROQOL,
          ],
        },
      }),
      ConfirmInstrumentLicence: () => {
        confirmed = true;
        return { data: { confirmInstrumentLicence: { ...PROQOL, usable: true } } };
      },
    });
    const cbi = await screen.findByRole('checkbox', { name: /Copenhagen Burnout Inventory/ });
    const description = document.getElementById(cbi.getAttribute('aria-describedby')!)!;
    expect(description.textContent).toMatch(/Free to use without permission\. Licence holder: NRCWE\. Its wording is shown exactly as published\. Kristensen TS et al\./);
    const proqol = screen.getByRole('checkbox', { name: /ProQOL 5/ });
    expect((proqol as HTMLInputElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Accept the licence terms of Professional Quality of Life Scale (ProQOL 5)' }));
    expect(await screen.findByText('Your organisation has accepted the licence terms of Professional Quality of Life Scale (ProQOL 5).')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('checkbox', { name: /ProQOL 5/ }) as HTMLInputElement).disabled).toBe(false));
    expect(portal.asked('ConfirmInstrumentLicence').map((request) => request.variables)).toEqual([{ instrumentKey: 'proqol-5' }]);
  });

  it('saves the chosen questionnaires, midpoint and follow-up, then shows the schedule in the viewer’s time zone', async () => {
    let saved: Record<string, unknown> | null = null;
    const portal = open({
      ProgrammeOutcomePlan: () => ({ data: { programme: { __typename: 'Programme', id: 'p-1', status: 'ACCEPTED', outcomePlan: saved ? PLAN : null } } }),
      SetProgrammeOutcomePlan: (variables) => {
        saved = variables;
        return { data: { setProgrammeOutcomePlan: PLAN } };
      },
    });
    expect(await screen.findByText('No outcome measures have been chosen for this programme yet.')).toBeTruthy();
    await userEvent.click(await screen.findByRole('checkbox', { name: /Copenhagen Burnout Inventory/ }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Follow-up' }), '3 months after the last session');
    await userEvent.click(screen.getByRole('button', { name: 'Save outcome measures' }));

    expect(await screen.findByText('The outcome measures have been saved.')).toBeTruthy();
    expect(portal.asked('SetProgrammeOutcomePlan').map((request) => request.variables)).toEqual([
      { input: { programmeId: 'p-1', instrumentKeys: ['cbi'], midpoint: false, followUpMonths: 3 } },
    ]);
    const schedule = await screen.findByText(/Baseline \(before the first session\)/);
    expect(schedule.textContent).toContain('Baseline (before the first session): 26 April 2027, 06:00');
    expect(within(schedule.closest('ul')!).getByText(/Follow-up:/).textContent).toContain('Follow-up: 17 August 2027, 07:30');
    expect(screen.getByText(/Times are in America\/New_York, your time zone\./)).toBeTruthy();
  });

  it('names a problem the API reports beside the questionnaires, and asks for one before sending anything', async () => {
    const portal = open({
      SetProgrammeOutcomePlan: {
        errors: [
          {
            message: 'Copenhagen Burnout Inventory may be used only once your organisation has confirmed its licence terms.',
            extensions: {
              code: 'BAD_USER_INPUT',
              fieldProblems: [{ field: 'instrumentKeys', message: 'Copenhagen Burnout Inventory may be used only once your organisation has confirmed its licence terms.' }],
            },
          },
        ],
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Save outcome measures' }));
    expect(await screen.findAllByText('Choose at least one instrument.')).not.toHaveLength(0);
    expect(portal.asked('SetProgrammeOutcomePlan')).toHaveLength(0);

    await userEvent.click(screen.getByRole('checkbox', { name: /Copenhagen Burnout Inventory/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save outcome measures' }));
    expect(await screen.findAllByText('Copenhagen Burnout Inventory may be used only once your organisation has confirmed its licence terms.')).not.toHaveLength(0);
  });

  it('shows a completed programme’s plan with no form', async () => {
    open({ ProgrammeOutcomePlan: { data: { programme: { __typename: 'Programme', id: 'p-1', status: 'COMPLETED', outcomePlan: PLAN } } } }, 'COMPLETED');
    expect(await screen.findByText(/Asked: Copenhagen Burnout Inventory, with a follow-up 3 months after the last session\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save outcome measures' })).toBeNull();
  });
});
