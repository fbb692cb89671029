import type { FieldProblem } from '@lena/domain';
import { useEffect, useState } from 'react';

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

/** `POST <base>/form` with the token: the form the link opens, or why not. */
export async function loadLinkForm<Form>(base: string, token: string, fetcher: typeof fetch): Promise<FormOutcome<Form>> {
  const reply = await post(`${base}/form`, { token }, fetcher);
  if (!reply) return { kind: 'failed' };
  if (reply.status === 200) return { kind: 'form', form: reply.json as Form };
  const linkState = refusal(reply.json);
  return linkState ? { kind: 'refused', linkState } : { kind: 'failed' };
}

/** `POST <base>/responses` with the token and the answers: stored, refused by the link, or the problems by question. */
export async function sendLinkAnswers(base: string, body: { token: string; [field: string]: unknown }, fetcher: typeof fetch): Promise<SendOutcome> {
  const reply = await post(`${base}/responses`, body, fetcher);
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
