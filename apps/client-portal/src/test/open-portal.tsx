import { createLenaApolloClient } from '@lena/graphql-client';
import type { Viewer } from '@lena/graphql-client/react';
import { createTestRouter, PortalApp, portalRoutes } from '@lena/portal-kit';
import { Page } from '@lena/ui';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';

export const NORTHSHIRE = { __typename: 'Tenant', id: 't1', name: 'Northshire', slug: 'northshire', timeZone: 'Europe/London', locale: 'en-GB', status: 'ACTIVE' } as const;

export const COORDINATOR = {
  __typename: 'Viewer',
  id: 'u-admin',
  email: 'coordinator@northshire.test',
  displayName: 'Chris Coordinator',
  platformRoles: [],
  tenantId: NORTHSHIRE.id,
  tenantRole: 'ORG_ADMIN',
  tenant: NORTHSHIRE,
  memberships: [],
} as unknown as Viewer;

export type Answer = { data: unknown } | { errors: unknown[] };
/** What the fake API answers to one operation: a fixed answer, or one made from the variables. */
export type Answerer = Answer | ((variables: Record<string, unknown>) => Answer);

/**
 * The client portal's frame (navigation, outcome scope, session) with one page at `path`, and an
 * API that answers each operation from `answers` and records what was asked, in order.
 */
export function openPortal(path: string, routes: { path: string; element: ReactElement }[], answers: Record<string, Answerer>) {
  const requests: { operationName: string; variables: Record<string, unknown> }[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const request = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> };
    requests.push({ operationName: request.operationName, variables: request.variables });
    const answer = request.operationName === 'Viewer' ? { data: { viewer: COORDINATOR } } : answers[request.operationName];
    const body = (typeof answer === 'function' ? answer(request.variables) : answer) ?? { errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  const { Router, router } = createTestRouter(path);
  const portal = portalRoutes({ portalName: 'Client portal', serviceName: 'Lena client portal', nav: () => [], home: <Page title="Home" />, routes });
  render(<PortalApp client={createLenaApolloClient({ uri: 'http://api.test/graphql', fetch })} routes={portal} router={Router} serviceName="Lena client portal" />);
  return { requests, router, asked: (name: string) => requests.filter((request) => request.operationName === name) };
}
