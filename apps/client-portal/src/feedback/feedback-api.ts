import type { FieldProblem, Instrument } from '@lena/domain';

/**
 * The feedback page's two calls to the API, by plain fetch (no GraphQL client: the page must
 * stay small). The link's secret goes in the request body, never in an address.
 */

/** Why a link cannot be used: each has a page of its own. */
export type LinkState = 'SPENT' | 'EXPIRED' | 'UNKNOWN';

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

export type FormOutcome = { kind: 'form'; form: FeedbackForm } | { kind: 'refused'; linkState: LinkState } | { kind: 'failed' };
export type SendOutcome = { kind: 'stored' } | { kind: 'refused'; linkState: LinkState } | { kind: 'invalid'; fieldProblems: FieldProblem[] } | { kind: 'failed' };

export interface FeedbackApi {
  loadForm(token: string): Promise<FormOutcome>;
  /** `form` names the form the answers answer (the one `loadForm` gave): the API stores them only against it. */
  sendAnswers(token: string, form: FormVersion, answers: Record<string, number | string>): Promise<SendOutcome>;
}

interface ErrorBody {
  error?: { code?: string; linkState?: LinkState; fieldProblems?: FieldProblem[] };
}

async function post(path: string, body: unknown, fetcher: typeof fetch): Promise<{ status: number; json: unknown } | null> {
  try {
    const response = await fetcher(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // Nothing to send but the secret in the body: no cookies, so a signed-in browser answers anonymously too.
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    return { status: response.status, json: await response.json().catch(() => null) };
  } catch {
    return null;
  }
}

function refusal(json: unknown): LinkState | undefined {
  return (json as ErrorBody | null)?.error?.linkState;
}

export function httpFeedbackApi(fetcher: typeof fetch = (...args) => fetch(...args)): FeedbackApi {
  return {
    async loadForm(token) {
      const reply = await post('/feedback/form', { token }, fetcher);
      if (!reply) return { kind: 'failed' };
      if (reply.status === 200) return { kind: 'form', form: reply.json as FeedbackForm };
      const linkState = refusal(reply.json);
      return linkState ? { kind: 'refused', linkState } : { kind: 'failed' };
    },
    async sendAnswers(token, form, answers) {
      const reply = await post('/feedback/responses', { token, form, answers }, fetcher);
      if (!reply) return { kind: 'failed' };
      if (reply.status === 201) return { kind: 'stored' };
      const linkState = refusal(reply.json);
      if (linkState) return { kind: 'refused', linkState };
      const fieldProblems = (reply.json as ErrorBody | null)?.error?.fieldProblems;
      return reply.status === 400 && fieldProblems?.length ? { kind: 'invalid', fieldProblems } : { kind: 'failed' };
    },
  };
}
