import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal, type Answerer } from '../../test/open-portal.js';
import { NeedsAssessmentPage } from './needs-assessment-page.js';

afterEach(cleanup);

const TEAM = { __typename: 'Team', id: 'team-1', name: 'Night Shift', archivedAt: null, createdAt: '2026-01-05T09:00:00.000Z', memberCount: 3 };
const option = (value: string, label: string) => ({ __typename: 'QuestionOption', value, label });
const QUESTIONNAIRE = {
  __typename: 'NeedsAssessmentQuestionnaire',
  version: '2026-12',
  questions: [
    {
      __typename: 'NeedsAssessmentQuestion',
      id: 'primaryConcern',
      kind: 'SINGLE',
      prompt: 'What does the organisation most want for this team?',
      hint: null,
      options: [option('PRACTICAL_SKILLS', 'Practical coping skills'), option('EMOTIONAL_WELLBEING', 'Staff wellbeing')],
    },
    {
      __typename: 'NeedsAssessmentQuestion',
      id: 'workingPatterns',
      kind: 'MULTIPLE',
      prompt: 'Which of these apply to many people in the team?',
      hint: 'Choose all that apply, or none.',
      options: [option('SHIFT_WORK', 'Shift work'), option('LONE_WORKING', 'Working alone')],
    },
  ],
};
const SAVED = {
  __typename: 'NeedsAssessment',
  id: 'a-1',
  teamId: 'team-1',
  questionnaireVersion: '2026-12',
  createdAt: '2027-01-05T09:00:00.000Z',
  assessedByName: 'Chris Coordinator',
  answers: {
    __typename: 'NeedsAssessmentAnswers',
    primaryConcern: 'PRACTICAL_SKILLS',
    distressingMaterial: 'REGULARLY',
    strainSigns: 'SOME',
    workingPatterns: ['SHIFT_WORK'],
    teamCohesion: 'MIXED',
    groupSupervision: 'NEVER',
  },
  recommendation: {
    __typename: 'ServiceRecommendation',
    plan: 'GTS_THEN_GRP',
    services: ['GTS', 'GRP'],
    headline: 'We recommend Group Therapeutic Support first, followed by Group Reflective Practice.',
    reasons: ['You most want the team to build practical coping skills.', 'Many of the team work shifts, which can leave people isolated.'],
    questionnaireVersion: '2026-12',
  },
};

function openAssessment(answers: Record<string, Answerer> = {}) {
  return openPortal('/needs-assessment?team=team-1', [{ path: '/needs-assessment', element: <NeedsAssessmentPage /> }], {
    Teams: { data: { teams: [TEAM] } },
    NeedsAssessmentQuestionnaire: { data: { needsAssessmentQuestionnaire: QUESTIONNAIRE } },
    NeedsAssessments: { data: { needsAssessments: [] } },
    ...answers,
  });
}

describe('the needs assessment', () => {
  it('asks for every single-choice answer before saving, naming the question', async () => {
    const user = userEvent.setup();
    const { asked } = openAssessment();
    await user.click(await screen.findByRole('button', { name: 'Save and see the recommendation' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Answer “What does the organisation most want for this team?”']);
    expect(asked('SaveNeedsAssessment')).toEqual([]);
  });

  it('saves the answers with the questionnaire’s version, then shows the recommendation, its reasons and a request for each service in order', async () => {
    const user = userEvent.setup();
    let saved = false;
    const { asked } = openAssessment({
      NeedsAssessments: () => ({ data: { needsAssessments: saved ? [SAVED] : [] } }),
      SaveNeedsAssessment: () => {
        saved = true;
        return { data: { saveNeedsAssessment: SAVED } };
      },
    });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'What does the organisation most want for this team?' }), 'PRACTICAL_SKILLS');
    await user.click(screen.getByRole('checkbox', { name: 'Shift work' }));
    await user.click(screen.getByRole('button', { name: 'Save and see the recommendation' }));

    await waitFor(() => expect(screen.queryAllByRole('status').map((banner) => banner.textContent)).toEqual([`Saved. ${SAVED.recommendation.headline} The reasons are below.`]));
    const recommendation = await screen.findByRole('region', { name: SAVED.recommendation.headline });
    expect(
      within(recommendation)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(SAVED.recommendation.reasons);
    expect(
      within(recommendation)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Request Group Therapeutic Support (GTS) (first)', '/programmes/request?team=team-1&assessment=a-1&service=GTS'],
      ['Request Group Reflective Practice (GRP) (next)', '/programmes/request?team=team-1&assessment=a-1&service=GRP'],
    ]);
    await waitFor(() => expect(asked('SaveNeedsAssessment')).toHaveLength(1));
    expect(asked('SaveNeedsAssessment')[0]!.variables).toEqual({
      input: { teamId: 'team-1', questionnaireVersion: '2026-12', answers: { primaryConcern: 'PRACTICAL_SKILLS', workingPatterns: ['SHIFT_WORK'] } },
    });
  });

  it('shows the team’s latest assessment and starts the form from its answers', async () => {
    openAssessment({ NeedsAssessments: { data: { needsAssessments: [SAVED] } } });
    expect(await screen.findByRole('region', { name: SAVED.recommendation.headline })).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'What does the organisation most want for this team?' }) as HTMLSelectElement).value).toBe('PRACTICAL_SKILLS');
    expect((screen.getByRole('checkbox', { name: 'Shift work' }) as HTMLInputElement).checked).toBe(true);
  });
});
