import type { FieldProblem, MeasurementPoint, OutcomeInstrument } from '@lena/domain';

/**
 * The measures page's two calls to the API, by plain fetch (no GraphQL client: the page must stay
 * small). The link's secret goes in the request body, never in an address.
 */

/** Why a link cannot be used: each has a page of its own. */
export type LinkState = 'SPENT' | 'EXPIRED' | 'UNKNOWN';

export interface MeasuresForm {
  programmeTitle: string;
  point: MeasurementPoint;
  /** ISO 8601; shown in the reader's own time zone. */
  closesAt: string;
  instruments: Array<{ instrument: OutcomeInstrument; attribution: string | null }>;
}

/** The answers: instrument key → item key → the chosen option's value. */
export type MeasuresAnswers = Record<string, Record<string, number>>;

export type FormOutcome = { kind: 'form'; form: MeasuresForm } | { kind: 'refused'; linkState: LinkState } | { kind: 'failed' };
export type SendOutcome = { kind: 'stored' } | { kind: 'refused'; linkState: LinkState } | { kind: 'invalid'; fieldProblems: FieldProblem[] } | { kind: 'failed' };

export interface MeasuresApi {
  loadForm(token: string): Promise<FormOutcome>;
  sendAnswers(token: string, answers: MeasuresAnswers): Promise<SendOutcome>;
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
      // No cookies: a signed-in browser answers through the link alone, like anyone else.
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

export function httpMeasuresApi(fetcher: typeof fetch = (...args) => fetch(...args)): MeasuresApi {
  return {
    async loadForm(token) {
      const reply = await post('/outcomes/form', { token }, fetcher);
      if (!reply) return { kind: 'failed' };
      if (reply.status === 200) return { kind: 'form', form: reply.json as MeasuresForm };
      const linkState = refusal(reply.json);
      return linkState ? { kind: 'refused', linkState } : { kind: 'failed' };
    },
    async sendAnswers(token, answers) {
      const reply = await post('/outcomes/responses', { token, answers }, fetcher);
      if (!reply) return { kind: 'failed' };
      if (reply.status === 201) return { kind: 'stored' };
      const linkState = refusal(reply.json);
      if (linkState) return { kind: 'refused', linkState };
      const fieldProblems = (reply.json as ErrorBody | null)?.error?.fieldProblems;
      return reply.status === 400 && fieldProblems?.length ? { kind: 'invalid', fieldProblems } : { kind: 'failed' };
    },
  };
}
