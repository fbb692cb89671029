import type { MeasurementPoint, OutcomeInstrument } from '@lena/domain';
import { loadLinkForm, sendLinkAnswers, type FormOutcome, type SendOutcome } from '../link-pages/link-page-api.js';

export type { LinkState } from '../link-pages/link-page-api.js';

/** The measures page's two calls to the API (`/outcomes/form`, `/outcomes/responses`). */

export interface MeasuresForm {
  programmeTitle: string;
  point: MeasurementPoint;
  /** ISO 8601; shown in the reader's own time zone. */
  closesAt: string;
  instruments: Array<{ instrument: OutcomeInstrument; attribution: string | null }>;
}

/** The answers: instrument key → item key → the chosen option's value. */
export type MeasuresAnswers = Record<string, Record<string, number>>;

export interface MeasuresApi {
  loadForm(token: string): Promise<FormOutcome<MeasuresForm>>;
  sendAnswers(token: string, answers: MeasuresAnswers): Promise<SendOutcome>;
}

export function httpMeasuresApi(fetcher: typeof fetch = (...args) => fetch(...args)): MeasuresApi {
  return {
    loadForm: (token) => loadLinkForm<MeasuresForm>('/outcomes', token, fetcher),
    sendAnswers: (token, answers) => sendLinkAnswers('/outcomes', { token, answers }, fetcher),
  };
}
