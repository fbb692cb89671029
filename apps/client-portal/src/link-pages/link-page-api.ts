import type { FieldProblem } from '@lena/domain';
import { useEffect, useState } from 'react';
import { takeEarlyReply } from './early-form-call.js';

/**
 * What the anonymous pages (feedback.html, measures.html) share: their two calls to the API by
 * plain fetch (no GraphQL client: the pages must stay small), and the views a link can lead to.
 * The link's secret goes in the request body, never in an address.
 */

/** Why a link cannot be used: each has a page of its own. */
export type LinkState = 'SPENT' | 'EXPIRED' | 'UNKNOWN';

export type FormOutcome<Form> = { kind: 'form'; form: Form } | { kind: 'refused'; linkState: LinkState } | { kind: 'failed' };
export type SendOutcome = { kind: 'stored' } | { kind: 'refused'; linkState: LinkState } | { kind: 'invalid'; fieldProblems: FieldProblem[] } | { kind: 'failed' };

/** Where a page is: loading its form, answering it, thanked, refused by the link, or unable to reach the API. */
export type LinkPageView<Form> = { kind: 'loading' } | { kind: 'form'; form: Form } | { kind: 'thanks' } | { kind: 'refused'; linkState: LinkState } | { kind: 'failed' };

interface ErrorBody {
  error?: { code?: string; linkState?: LinkState; fieldProblems?: FieldProblem[] };
}

/** `POST path` with `body` as JSON; null when the API could not be reached. */
function call(path: string, body: unknown, fetcher: typeof fetch): Promise<Response | null> {
  return fetcher(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    // No cookies: a signed-in browser answers through the link alone, like anyone else.
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  }).catch(() => null);
}

/** A reply's status and JSON body (null if it has none); null when the API could not be reached. */
async function read(response: Response | null): Promise<{ status: number; json: unknown } | null> {
  return response ? { status: response.status, json: await response.json().catch(() => null) } : null;
}

function refusal(json: unknown): LinkState | undefined {
  return (json as ErrorBody | null)?.error?.linkState;
}

/** `POST <base>/form` with the token (unless the page's HTML made that call already): the form the link opens, or why not. */
export async function loadLinkForm<Form>(base: string, token: string, fetcher: typeof fetch): Promise<FormOutcome<Form>> {
  const path = `${base}/form`;
  const reply = await read(await (takeEarlyReply(path, token) ?? call(path, { token }, fetcher)));
  if (!reply) return { kind: 'failed' };
  if (reply.status === 200) return { kind: 'form', form: reply.json as Form };
  const linkState = refusal(reply.json);
  return linkState ? { kind: 'refused', linkState } : { kind: 'failed' };
}

/** `POST <base>/responses` with the token and the answers: stored, refused by the link, or the problems by question. */
export async function sendLinkAnswers(base: string, body: { token: string; [field: string]: unknown }, fetcher: typeof fetch): Promise<SendOutcome> {
  const reply = await read(await call(`${base}/responses`, body, fetcher));
  if (!reply) return { kind: 'failed' };
  if (reply.status === 201) return { kind: 'stored' };
  const linkState = refusal(reply.json);
  if (linkState) return { kind: 'refused', linkState };
  const fieldProblems = (reply.json as ErrorBody | null)?.error?.fieldProblems;
  return reply.status === 400 && fieldProblems?.length ? { kind: 'invalid', fieldProblems } : { kind: 'failed' };
}

/** The page's view, starting with its form loading through `api` (again if the token or the API changes). */
export function useLinkPageView<Form>(token: string, api: { loadForm(token: string): Promise<FormOutcome<Form>> }) {
  const [view, setView] = useState<LinkPageView<Form>>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void api.loadForm(token).then((outcome) => {
      if (!live) return;
      setView(outcome.kind === 'form' ? { kind: 'form', form: outcome.form } : outcome.kind === 'refused' ? { kind: 'refused', linkState: outcome.linkState } : { kind: 'failed' });
    });
    return () => {
      live = false;
    };
  }, [api, token]);
  return [view, setView] as const;
}
