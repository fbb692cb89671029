import {
  NeedsAssessmentQuestionnaireDocument,
  NeedsAssessmentsDocument,
  SaveNeedsAssessmentDocument,
  TeamsDocument,
  type NeedsAssessmentAnswersInput,
  type NeedsAssessmentFieldsFragment,
  type NeedsAssessmentQuestionnaireQuery,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, EmptyState, Fieldset, Form, Page, Section, SelectField, useOutcome, type FieldProblem } from '@lena/ui';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Recommendation } from './recommendation.js';

type Questionnaire = NeedsAssessmentQuestionnaireQuery['needsAssessmentQuestionnaire'];
type Answers = Record<string, string | string[]>;

/** What the answers were, ready to edit again; empty for a first assessment. */
function answersFrom(questionnaire: Questionnaire, previous: NeedsAssessmentFieldsFragment | undefined): Answers {
  const given = (previous?.answers ?? {}) as Record<string, string | string[] | undefined>;
  return Object.fromEntries(questionnaire.questions.map((question) => [question.id, given[question.id] ?? (question.kind === 'MULTIPLE' ? [] : '')]));
}

function AssessmentForm({ teamId, questionnaire, previous }: { teamId: string; questionnaire: Questionnaire; previous: NeedsAssessmentFieldsFragment | undefined }) {
  const [answers, setAnswers] = useState<Answers>(() => answersFrom(questionnaire, previous));
  const saved = useOutcome();
  const form = useMutationForm();
  const [save] = useMutation(SaveNeedsAssessmentDocument, { refetchQueries: [NeedsAssessmentsDocument], awaitRefetchQueries: true });
  const set = (id: string, value: string | string[]) => setAnswers((current) => ({ ...current, [id]: value }));

  return (
    <>
      <Form
        id="needs-assessment"
        errors={form.errors}
        onSubmit={() => {
          const missing: FieldProblem[] = questionnaire.questions
            .filter((question) => question.kind === 'SINGLE' && answers[question.id] === '')
            .map((question) => ({ field: question.id, message: `Answer “${question.prompt}”` }));
          if (missing.length > 0) return form.fail({ fieldProblems: missing });
          void form.send(async () => {
            // Each question's id is the name of its field in the answers input (the API says so).
            const given = answers as unknown as NeedsAssessmentAnswersInput;
            const { data } = await save({ variables: { input: { teamId, questionnaireVersion: questionnaire.version, answers: given } } });
            if (data) saved.success(`Saved. ${data.saveNeedsAssessment.recommendation.headline} The reasons are below.`);
          });
        }}
      >
        {questionnaire.questions.map((question) =>
          question.kind === 'SINGLE' ? (
            <SelectField
              key={question.id}
              label={question.prompt}
              hint={question.hint ?? undefined}
              name={question.id}
              value={answers[question.id] as string}
              onChange={(value) => set(question.id, value)}
              options={[{ value: '', label: 'Choose an answer' }, ...question.options]}
            />
          ) : (
            <Fieldset key={question.id} legend={question.prompt} hint={question.hint ?? 'Tick all that apply, or none.'} name={question.id}>
              {question.options.map((option) => {
                const chosen = answers[question.id] as string[];
                return (
                  <Checkbox
                    key={option.value}
                    label={option.label}
                    name={question.id}
                    value={option.value}
                    checked={chosen.includes(option.value)}
                    onChange={(checked) => set(question.id, checked ? [...chosen, option.value] : chosen.filter((value) => value !== option.value))}
                  />
                );
              })}
            </Fieldset>
          ),
        )}
        <Button type="submit" busy={form.busy}>
          Save and see the recommendation
        </Button>
      </Form>
      {saved.banner}
    </>
  );
}

function TeamAssessment({ teamId, questionnaire }: { teamId: string; questionnaire: Questionnaire }) {
  const result = useQuery(NeedsAssessmentsDocument, { variables: { teamId } });
  return (
    <QueryView result={result} loadingLabel="Loading the team’s assessments">
      {({ needsAssessments }) => {
        const latest = needsAssessments[0];
        return (
          <>
            <Section title={latest ? 'Assess the team again' : 'About the team'}>
              <AssessmentForm teamId={teamId} questionnaire={questionnaire} previous={latest} />
            </Section>
            {latest ? (
              <Section title="Recommendation">
                <Recommendation assessment={latest} headingLevel={3} />
              </Section>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}

/**
 * "Which suits best?": an organisation admin answers a few questions about a team; Lena recommends
 * Group Therapeutic Support, Group Reflective Practice or both (and in which order) with its
 * reasons, saves the answers, and offers to request the programme in one step.
 */
export function NeedsAssessmentPage() {
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team') ?? '';
  const teams = useQuery(TeamsDocument, { variables: { includeArchived: false } });
  const questionnaire = useQuery(NeedsAssessmentQuestionnaireDocument);
  return (
    <Page title="Needs assessment" lead="Answer a few questions about a team and we suggest which kind of group suits it best, and why.">
      <QueryView result={teams} loadingLabel="Loading your teams">
        {({ teams: list }) =>
          list.length === 0 ? (
            <EmptyState title="No teams yet" headingLevel={2}>
              <p>Create a team first: an assessment is about one team.</p>
            </EmptyState>
          ) : (
            <SelectField
              label="Team"
              name="team"
              value={teamId}
              onChange={(value) => setParams(value ? { team: value } : {})}
              options={[{ value: '', label: 'Choose a team' }, ...list.map((team) => ({ value: team.id, label: team.name }))]}
            />
          )
        }
      </QueryView>
      {teamId ? (
        <QueryView result={questionnaire} loadingLabel="Loading the questions">
          {({ needsAssessmentQuestionnaire }) => <TeamAssessment key={teamId} teamId={teamId} questionnaire={needsAssessmentQuestionnaire} />}
        </QueryView>
      ) : null}
    </Page>
  );
}
