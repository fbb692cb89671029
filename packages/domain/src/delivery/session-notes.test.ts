import { DomainError } from '../errors/domain-error.js';
import { runSheetFor } from './run-sheet.js';
import { attended } from './attendance.js';
import { noteRetentionMonthsSchema } from './note-retention.js';
import { GRP_THEMES, noteWarnings, parseSessionNotes, SessionNoteLimits } from './session-notes.js';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a refusal.');
}

describe('parseSessionNotes', () => {
  it('takes themes from the vocabulary and one short line for GRP', () => {
    expect(parseSessionNotes('GRP', { themes: ['WORKLOAD', 'ISOLATION'], themeLine: '  Night shifts weigh on the team.  ' })).toEqual({
      kind: 'GRP',
      themes: ['WORKLOAD', 'ISOLATION'],
      themeLine: 'Night shifts weigh on the team.',
    });
  });

  it('refuses GRP case detail, unknown themes, repeats and a long line, field by field', () => {
    expect(refusal(() => parseSessionNotes('GRP', { caseSummaries: 'A case', themes: [] })).fieldProblems.map((problem) => problem.field)).toEqual(['caseSummaries']);
    const error = refusal(() => parseSessionNotes('GRP', { themes: ['WORKLOAD', 'NAMES_OF_CLIENTS'], themeLine: 'x'.repeat(SessionNoteLimits.themeLineLength + 1) }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fieldProblems.map((problem) => problem.field).sort()).toEqual(['themeLine', 'themes.1']);
    expect(refusal(() => parseSessionNotes('GRP', { themes: ['WORKLOAD', 'WORKLOAD'] })).fieldProblems).toEqual([{ field: 'themes', message: 'Choose each theme once.' }]);
    expect(refusal(() => parseSessionNotes('GRP', { themeLine: 'one\ntwo' })).fieldProblems.map((problem) => problem.field)).toEqual(['themeLine']);
  });

  it('takes case summaries, strategies and action items for GTS, and refuses themes', () => {
    expect(parseSessionNotes('GTS', { caseSummaries: 'Case one', strategies: '', actionItems: [{ text: ' Call the team lead ' }] })).toEqual({
      kind: 'GTS',
      caseSummaries: 'Case one',
      strategies: '',
      actionItems: [{ text: 'Call the team lead', sharedWithGroup: false }],
    });
    expect(refusal(() => parseSessionNotes('GTS', { themes: ['WORKLOAD'] })).fieldProblems.map((problem) => problem.field)).toEqual(['themes']);
    expect(refusal(() => parseSessionNotes('GTS', { actionItems: [{ text: '' }] })).fieldProblems.map((problem) => problem.field)).toEqual(['actionItems.0.text']);
  });
});

describe('noteWarnings', () => {
  it('names the field of each warning, action items by position', () => {
    const notes = parseSessionNotes('GTS', { caseSummaries: 'Discussed Mrs Patel.', strategies: 'None', actionItems: [{ text: 'Fine' }, { text: 'Email a.b@example.org' }] });
    expect(noteWarnings(notes).map((warning) => [warning.field, warning.kind])).toEqual([
      ['caseSummaries', 'NAME'],
      ['actionItems.1.text', 'EMAIL'],
    ]);
    expect(noteWarnings(parseSessionNotes('GRP', { themes: [], themeLine: 'Spoke about Tom Baker.' })).map((warning) => warning.field)).toEqual(['themeLine']);
  });
});

describe('the vocabulary, run sheets and retention', () => {
  it('keeps theme labels unique and run sheets in the order of each service', () => {
    expect(new Set(Object.values(GRP_THEMES)).size).toBe(Object.keys(GRP_THEMES).length);
    expect(runSheetFor('GRP').map((step) => step.title)).toEqual(['Arrival and check-in', 'Open reflective space', 'Closing round']);
    expect(runSheetFor('GTS').map((step) => step.title)).toEqual(['Agenda of case presentations', 'Discussion', 'Strategies agreed', 'Action items']);
  });

  it('counts present and late as attended, absence and apologies not', () => {
    expect((['PRESENT', 'LATE', 'ABSENT', 'APOLOGIES'] as const).map(attended)).toEqual([true, true, false, false]);
  });

  it('keeps notes between 1 and 84 months', () => {
    expect(noteRetentionMonthsSchema.safeParse(12).success).toBe(true);
    expect(noteRetentionMonthsSchema.safeParse(0).success).toBe(false);
    expect(noteRetentionMonthsSchema.safeParse(85).success).toBe(false);
  });
});
