import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import { parseInput } from '../errors/parse-input.js';
import { singleLine } from '../identity/identity-schemas.js';
import type { ServiceType } from '../programmes/service-type.js';
import { uuidSchema } from '../tenancy/tenancy-schemas.js';
import { detectPersonalData, type PersonalDataWarning } from './personal-data.js';

/**
 * The themes a GRP session may be noted under: the platform stores themes at most for reflective
 * practice, never case or personal detail (DESIGN.md). A maintained list, not free tags, so that
 * nothing personal slips in through a tag and themes can be compared across sessions. Add to it
 * here; never rename a key (stored notes refer to it).
 */
export const GRP_THEMES = {
  WORKLOAD: 'Workload and pressure',
  EMOTIONAL_IMPACT: 'Emotional impact of the work',
  VICARIOUS_TRAUMA: 'Vicarious trauma',
  COMPASSION_FATIGUE: 'Compassion fatigue',
  BURNOUT: 'Burnout and exhaustion',
  MORAL_DISTRESS: 'Moral distress',
  BOUNDARIES: 'Boundaries',
  TEAM_RELATIONSHIPS: 'Team relationships',
  MANAGEMENT_SUPPORT: 'Support from managers',
  ORGANISATIONAL_CHANGE: 'Organisational change',
  LOSS_AND_GRIEF: 'Loss and grief',
  RISK_AND_RESPONSIBILITY: 'Risk and responsibility',
  SELF_CARE: 'Self-care and recovery',
  ISOLATION: 'Isolation',
  MEANING_AND_MOTIVATION: 'Meaning and motivation',
  CONFLICT: 'Conflict',
  SHIFT_WORK: 'Shift work and rest',
  PROFESSIONAL_IDENTITY: 'Professional identity',
  SAFETY_AT_WORK: 'Feeling safe at work',
  ENDINGS_AND_TRANSITIONS: 'Endings and transitions',
} as const;
export type GrpTheme = keyof typeof GRP_THEMES;

export const SessionNoteLimits = {
  maxThemes: 8,
  themeLineLength: 140,
  gtsTextLength: 4000,
  maxActionItems: 20,
  actionItemLength: 300,
} as const;

const themeSchema = z.enum(Object.keys(GRP_THEMES) as [GrpTheme, ...GrpTheme[]], { error: 'Choose themes from the list.' });

const grpNotesSchema = z.object({
  themes: z
    .array(themeSchema)
    .max(SessionNoteLimits.maxThemes, { error: `Choose at most ${SessionNoteLimits.maxThemes} themes.` })
    .refine((themes) => new Set(themes).size === themes.length, { error: 'Choose each theme once.' }),
  themeLine: singleLine(
    z
      .string()
      .trim()
      .max(SessionNoteLimits.themeLineLength, { error: `Keep the line to ${SessionNoteLimits.themeLineLength} characters or fewer.` }),
    'The line',
  ),
});

const gtsText = (what: string) =>
  z
    .string()
    .trim()
    .max(SessionNoteLimits.gtsTextLength, { error: `${what} can be at most ${SessionNoteLimits.gtsTextLength.toLocaleString('en-GB')} characters.` });

const actionItemSchema = z.object({
  id: uuidSchema.nullish(),
  text: singleLine(
    z
      .string()
      .trim()
      .min(1, { error: 'Write the action item, or remove it.' })
      .max(SessionNoteLimits.actionItemLength, { error: `Action items can be at most ${SessionNoteLimits.actionItemLength} characters.` }),
    'Action items',
  ),
  sharedWithGroup: z.boolean().default(false),
});

const gtsNotesSchema = z.object({
  caseSummaries: gtsText('Case summaries'),
  strategies: gtsText('Strategies'),
  actionItems: z.array(actionItemSchema).max(SessionNoteLimits.maxActionItems, { error: `Keep to ${SessionNoteLimits.maxActionItems} action items or fewer.` }),
});

export type GrpNotes = z.output<typeof grpNotesSchema>;
export type GtsNotes = z.output<typeof gtsNotesSchema>;
export type SessionNotes = ({ kind: 'GRP' } & GrpNotes) | ({ kind: 'GTS' } & GtsNotes);

/** What a form sends: every field optional, the programme's service deciding which belong. */
export interface SessionNotesInput {
  caseSummaries?: string | null;
  strategies?: string | null;
  actionItems?: Array<{ id?: string | null; text: string; sharedWithGroup?: boolean | null }> | null;
  themes?: string[] | null;
  themeLine?: string | null;
}

const GRP_ONLY = 'Group Reflective Practice notes are themes only: choose themes and, if you like, one short line.';
const GTS_ONLY = 'Group Therapeutic Support notes have case summaries, strategies and action items, not themes.';

/**
 * The notes for a session of this service, validated: GRP takes themes and one line and refuses
 * anything else (case detail never reaches a GRP note); GTS takes case summaries, strategies and
 * action items. BAD_USER_INPUT with a problem per field.
 */
export function parseSessionNotes(serviceType: ServiceType, input: SessionNotesInput): SessionNotes {
  if (serviceType === 'GRP') {
    const stray = (['caseSummaries', 'strategies', 'actionItems'] as const).filter((field) => {
      const value = input[field];
      return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim() !== '';
    });
    if (stray.length)
      throw DomainError.badInput(
        GRP_ONLY,
        stray.map((field) => ({ field, message: GRP_ONLY })),
      );
    return { kind: 'GRP', ...parseInput(grpNotesSchema, { themes: input.themes ?? [], themeLine: input.themeLine ?? '' }) };
  }
  const stray = (['themes', 'themeLine'] as const).filter((field) => {
    const value = input[field];
    return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim() !== '';
  });
  if (stray.length)
    throw DomainError.badInput(
      GTS_ONLY,
      stray.map((field) => ({ field, message: GTS_ONLY })),
    );
  const actionItems = (input.actionItems ?? []).map((item) => ({ ...item, sharedWithGroup: item.sharedWithGroup ?? false }));
  return { kind: 'GTS', ...parseInput(gtsNotesSchema, { caseSummaries: input.caseSummaries ?? '', strategies: input.strategies ?? '', actionItems }) };
}

/** A warning about one field of the notes (`actionItems.2.text` for the third action item). */
export interface NoteWarning extends PersonalDataWarning {
  field: string;
}

/** Every free-text field of the notes checked for personal data, each warning naming its field. */
export function noteWarnings(notes: SessionNotes, now: Date = new Date()): NoteWarning[] {
  const fields: Array<[string, string]> =
    notes.kind === 'GRP'
      ? [['themeLine', notes.themeLine]]
      : [
          ['caseSummaries', notes.caseSummaries],
          ['strategies', notes.strategies],
          ...notes.actionItems.map((item, index): [string, string] => [`actionItems.${index}.text`, item.text]),
        ];
  return fields.flatMap(([field, text]) => detectPersonalData(text, now).map((warning) => ({ field, ...warning })));
}

/** The version a save is made on: 0 when the session has no notes yet. */
export const noteVersionSchema = z.int({ error: 'Send the version of the notes you started from.' }).min(0, { error: 'Send the version of the notes you started from.' });
