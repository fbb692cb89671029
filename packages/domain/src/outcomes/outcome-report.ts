import { z } from 'zod';
import type { ScoresResult } from '../feedback/feedback-results.js';
import { uuidSchema } from '../tenancy/tenancy-schemas.js';
import type { AttendanceFigure, ChangeFigure, OutcomeDashboardFigures, ProgrammeOutcomeFigures, SessionCounts } from './outcome-dashboard.js';
import { outcomeMonthSchema } from './outcome-rollup.js';

/**
 * Outcome reports (PDF and CSV): a programme's or the organisation's figures over a period, built
 * by the worker from the SAME decided figures as the dashboard (`buildOutcomeDashboard`, feedback
 * through `summariseProgrammeFeedback`). Nothing here decides suppression: a withheld figure arrives
 * withheld and is written as its message ("Fewer than 5 responses"), never as a number. The PDF
 * and the CSV are both written from one `OutcomeReportDocument`, so they cannot disagree.
 */

export const OutcomeReportScope = { PROGRAMME: 'PROGRAMME', ORGANISATION: 'ORGANISATION' } as const;
export type OutcomeReportScope = (typeof OutcomeReportScope)[keyof typeof OutcomeReportScope];

export const OutcomeReportStatus = { QUEUED: 'QUEUED', RUNNING: 'RUNNING', READY: 'READY', FAILED: 'FAILED' } as const;
export type OutcomeReportStatus = (typeof OutcomeReportStatus)[keyof typeof OutcomeReportStatus];

/** How long a built report stays downloadable. */
export const OUTCOME_REPORT_KEEP_DAYS = 30;

/** What an org admin or a platform admin asks for. A programme report names its programme; an organisation report none. */
export const outcomeReportRequestSchema = z
  .strictObject({
    scope: z.enum(['PROGRAMME', 'ORGANISATION']),
    programmeId: uuidSchema.nullish(),
    from: outcomeMonthSchema.nullish(),
    to: outcomeMonthSchema.nullish(),
  })
  .refine((request) => request.scope !== 'PROGRAMME' || !!request.programmeId, { error: 'Choose the programme the report is about.', path: ['programmeId'] })
  .refine((request) => request.scope !== 'ORGANISATION' || !request.programmeId, {
    error: 'An organisation report covers every programme: choose no programme.',
    path: ['programmeId'],
  })
  .refine((request) => !request.from || !request.to || request.from <= request.to, { error: 'The period must start on or before the month it ends.', path: ['to'] });
export type OutcomeReportRequest = z.output<typeof outcomeReportRequestSchema>;

/** Whether a report may still be downloaded at `now`. */
export function outcomeReportExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

export interface OutcomeReportLine {
  /** What the figure is ("Attendance", "Work-related burnout: effect size (Hedges’ g)"). */
  figure: string;
  /** The figure as written, or the reason it is withheld. */
  value: string;
}

export interface OutcomeReportSection {
  heading: string;
  /** Sentences for a reader (the change in words); the PDF prints them, the CSV does not need them. */
  paragraphs: string[];
  lines: OutcomeReportLine[];
}

export interface OutcomeReportDocument {
  title: string;
  subtitle: string;
  /** Said once at the top: how figures are withheld. */
  notice: string;
  sections: OutcomeReportSection[];
}

export interface OutcomeReportInput {
  organisationName: string;
  scope: OutcomeReportScope;
  /** For a programme report: which programme of `figures`. */
  programmeId?: string | null;
  from?: string | null;
  to?: string | null;
  /** The day the report was made, as the reader's organisation writes it ("7 December 2026"). */
  generatedOn: string;
  /** The dashboard's figures for the report's period (and programme). */
  figures: OutcomeDashboardFigures;
  /** Each programme's feedback scores as the feedback context decided them; null when it has no feedback yet. */
  feedback: Readonly<Record<string, ScoresResult | null>>;
}

const oneDecimal = (value: number) => value.toFixed(1);
const twoDecimals = (value: number) => value.toFixed(2);
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The period in words: "January 2026 to December 2026", "from March 2026", "all time". */
export function describeReportPeriod(from: string | null | undefined, to: string | null | undefined): string {
  const month = (value: string) => {
    const [year, number] = value.split('-');
    const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    return `${names[Number(number) - 1]} ${year}`;
  };
  if (from && to) return from === to ? month(from) : `${month(from)} to ${month(to)}`;
  if (from) return `from ${month(from)}`;
  if (to) return `up to ${month(to)}`;
  return 'all time';
}

/** The report's content: headline figures, then each programme's, each figure a line (or its withheld message). */
export function outcomeReportDocument(input: OutcomeReportInput): OutcomeReportDocument {
  const period = describeReportPeriod(input.from, input.to);
  const notice = `Figures are shown only for at least ${input.figures.minGroupSize} people, and only where no smaller group could be worked out from them; a withheld figure says why instead.`;
  if (input.scope === OutcomeReportScope.PROGRAMME) {
    const programme = input.figures.programmes.find((entry) => entry.programmeId === input.programmeId);
    const sections = programme
      ? [programmeSection(programme, input.feedback[programme.programmeId] ?? null, 'Figures')]
      : [{ heading: 'Figures', paragraphs: ['This programme has no figures for the period.'], lines: [] }];
    return {
      title: `Outcome report: ${programme?.title ?? 'programme'}`,
      subtitle: `${input.organisationName}, ${period}. Made on ${input.generatedOn}.`,
      notice,
      sections,
    };
  }
  const { total } = input.figures;
  const headline: OutcomeReportSection = {
    heading: 'Across the organisation',
    paragraphs: total.changes.map(changeSentence),
    lines: [
      { figure: 'Programmes', value: String(total.programmes) },
      ...sessionLines(total.sessions),
      { figure: 'Attendance', value: attendanceText(total.attendance) },
      ...total.changes.flatMap(changeLines),
    ],
  };
  return {
    title: 'Outcome report',
    subtitle: `${input.organisationName}, ${period}. Made on ${input.generatedOn}.`,
    notice,
    sections: [headline, ...input.figures.programmes.map((programme) => programmeSection(programme, input.feedback[programme.programmeId] ?? null, programme.title))],
  };
}

function programmeSection(programme: ProgrammeOutcomeFigures, feedback: ScoresResult | null, heading: string): OutcomeReportSection {
  return {
    heading,
    paragraphs: [`${programme.title} (${programme.teamName}, ${programme.serviceType}).`, ...programme.changes.map(changeSentence)],
    lines: [
      ...sessionLines(programme.sessions),
      { figure: 'Attendance', value: attendanceText(programme.attendance) },
      ...feedbackLines(feedback),
      ...programme.changes.flatMap(changeLines),
    ],
  };
}

function sessionLines(sessions: SessionCounts): OutcomeReportLine[] {
  return [
    { figure: 'Sessions bought', value: String(sessions.bought) },
    { figure: 'Sessions still to come', value: String(sessions.planned) },
    { figure: 'Sessions delivered', value: String(sessions.delivered) },
    { figure: 'Sessions cancelled', value: String(sessions.cancelled) },
  ];
}

function attendanceText(attendance: AttendanceFigure): string {
  if (!attendance.shown) return attendance.message;
  if (attendance.rate === null) return 'No registers taken yet';
  return `${percent(attendance.rate)} of places attended (${attendance.people} people)`;
}

function feedbackLines(feedback: ScoresResult | null): OutcomeReportLine[] {
  if (!feedback) return [{ figure: 'Feedback', value: 'No feedback asked for yet' }];
  if (!feedback.shown) return [{ figure: 'Feedback', value: feedback.message }];
  return [
    { figure: 'Feedback responses', value: String(feedback.responses) },
    ...feedback.items.map((item) => ({ figure: `Feedback: ${item.prompt} (mean, 1–5)`, value: item.mean === null ? 'Not answered' : twoDecimals(item.mean) })),
  ];
}

function changeSentence(change: ChangeFigure): string {
  return change.figure.shown ? change.figure.summary : `${change.title}: ${change.figure.message}`;
}

function changeLines(change: ChangeFigure): OutcomeReportLine[] {
  const { figure, title } = change;
  if (!figure.shown) return [{ figure: `${title}: change`, value: figure.message }];
  const lines: OutcomeReportLine[] = [
    { figure: `${title}: people (n)`, value: String(figure.n) },
    { figure: `${title}: average before`, value: oneDecimal(figure.meanBefore) },
    { figure: `${title}: average after`, value: oneDecimal(figure.meanAfter) },
    { figure: `${title}: average change (points)`, value: oneDecimal(figure.meanDifference) },
    { figure: `${title}: 95% confidence interval of the change`, value: `${oneDecimal(figure.meanDifferenceCi95.lower)} to ${oneDecimal(figure.meanDifferenceCi95.upper)}` },
    { figure: `${title}: effect size (Cohen’s d_z)`, value: figure.cohensDz === null ? 'Not measurable' : twoDecimals(figure.cohensDz) },
    { figure: `${title}: effect size (Hedges’ g)`, value: figure.hedgesG === null ? 'Not measurable' : twoDecimals(figure.hedgesG) },
    {
      figure: `${title}: 95% confidence interval of Hedges’ g`,
      value: figure.hedgesGCi95 ? `${twoDecimals(figure.hedgesGCi95.lower)} to ${twoDecimals(figure.hedgesGCi95.upper)}` : 'Not measurable',
    },
  ];
  if (figure.reliable) {
    lines.push({
      figure: `${title}: reliably better / no change / worse`,
      value: `${percent(figure.reliable.improved)} / ${percent(figure.reliable.unchanged)} / ${percent(figure.reliable.deteriorated)}`,
    });
  }
  return lines;
}

/** The CSV's rows: a header, then one row per figure of every section, in the document's order. */
export function outcomeReportCsvRows(document: OutcomeReportDocument): string[][] {
  return [['Section', 'Figure', 'Value'], ...document.sections.flatMap((section) => section.lines.map((line) => [section.heading, line.figure, line.value]))];
}

/**
 * RFC 4180 CSV (CRLF line ends). A field is quoted when it holds a comma, quote, line break or
 * leading/trailing space; a field a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) is prefixed with an apostrophe unless it is a plain number, so a programme's title can
 * never become a formula.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(raw: string): string {
  const value = /^[=+\-@\t\r]/.test(raw) && !/^-?\d+(\.\d+)?$/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
