import type { Instrument } from '@lena/domain';
import { loadLinkForm, sendLinkAnswers, type FormOutcome, type SendOutcome } from '../link-pages/link-page-api.js';

export type { LinkState } from '../link-pages/link-page-api.js';

/** The feedback page's two calls to the API (`/feedback/form`, `/feedback/responses`). */

export interface FeedbackForm {
  form: Instrument;
  programmeTitle: string;
  /** ISO 8601; shown in the reader's own time zone. */
  startsAt: string;
  closesAt: string;
}

/** Which form, and which version of it. */
export interface FormVersion {
  key: string;
  version: number;
}

export interface FeedbackApi {
  loadForm(token: string): Promise<FormOutcome<FeedbackForm>>;
  /** `form` names the form the answers answer (the one `loadForm` gave): the API stores them only against it. */
  sendAnswers(token: string, form: FormVersion, answers: Record<string, number | string>): Promise<SendOutcome>;
}

export function httpFeedbackApi(fetcher: typeof fetch = (...args) => fetch(...args)): FeedbackApi {
  return {
    loadForm: (token) => loadLinkForm<FeedbackForm>('/feedback', token, fetcher),
    sendAnswers: (token, form, answers) => sendLinkAnswers('/feedback', { token, form, answers }, fetcher),
  };
}
