import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { RetryLink } from '@apollo/client/link/retry';
import { ServerError } from '@apollo/client/errors';
import { OperationTypeNode, print } from 'graphql';
import { from as observableFrom, mergeMap, throwError } from 'rxjs';
import { CSRF_COOKIE, csrfHeaders, readCookie } from './cookies.js';
import { hasErrorCode, LenaErrorCode } from './errors.js';
import { RefreshSessionDocument } from './generated/first-route.js';
import { announceSessionExpired } from './session-events.js';

/** Operations that must never trigger a session refresh: they are how a session starts or ends. */
const NO_REFRESH_OPERATIONS = new Set(['Login', 'Logout', 'RefreshSession', 'AcceptInvitation', 'RequestPasswordReset', 'ResetPassword', 'InvitationPreview']);

export interface LenaApolloClientOptions {
  /** Where the API is; the portals reach it same-origin through Vite's proxy. */
  uri?: string;
  /** For tests. */
  fetch?: typeof fetch;
  /**
   * Called once a lapsed session could not be refreshed. Defaults to announcing it to the
   * SessionProvider (`@lena/graphql-client/react`), which forgets the session so pages redirect.
   */
  onSessionExpired?: () => void;
  /**
   * Whether the person was signed in, so that UNAUTHENTICATED means "the session lapsed" rather
   * than "never signed in". Defaults to: the CSRF cookie the API sets at sign-in is present.
   */
  wasSignedIn?: () => boolean;
}

/**
 * Calls `refreshSession` directly (outside the link chain, so it cannot loop). Concurrent callers
 * share one request: five queries failing together cause one refresh, not five rotations.
 */
export function createSessionRefresher(uri: string, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  let inFlight: Promise<boolean> | null = null;
  const body = JSON.stringify({ operationName: 'RefreshSession', query: print(RefreshSessionDocument), variables: {} });
  const refresh = async (): Promise<boolean> => {
    try {
      const response = await fetchImpl(uri, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders() },
        body,
      });
      if (!response.ok) return false;
      const result = (await response.json()) as { data?: { refreshSession?: unknown } | null; errors?: unknown[] };
      return Boolean(result.data?.refreshSession) && !(result.errors && result.errors.length > 0);
    } catch {
      return false;
    }
  };
  return (): Promise<boolean> => {
    inFlight ??= refresh().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

/** Cache identities: members and facilitators are people, keyed by their user id. */
export function createLenaCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Member: { keyFields: ['userId'] },
      Facilitator: { keyFields: ['userId'] },
      Membership: { keyFields: false },
      InvitationPreview: { keyFields: false },
      AuditEventPage: { keyFields: false },
      ProgrammeListPage: { keyFields: false },
      ProgrammeListing: { keyFields: false },
      // A reading of the queues, replaced whole by each poll.
      QueueHealth: { keyFields: false, merge: false },
      QueueStatus: { keyFields: ['name'] },
      OutboxHealth: { keyFields: false },
      // A session's delivery page, keyed by its session; completing or reopening returns it whole.
      SessionDelivery: { keyFields: ['sessionId'] },
      SessionNotes: { keyFields: false, merge: false },
      AttendanceEntry: { keyFields: false },
      RunSheetStep: { keyFields: false },
      GrpThemeOption: { keyFields: false },
      NoteWarning: { keyFields: false },
      SaveSessionNotesResult: { keyFields: false },
      Query: {
        fields: {
          auditEvents: {
            keyArgs: ['tenantId', 'action', 'limit'],
            // "Load more" passes the previous page's cursor: append; a first page replaces.
            merge(existing: { items: unknown[] } | undefined, incoming: { items: unknown[] }, { args }) {
              if (!args?.cursor || !existing) return incoming;
              return { ...incoming, items: [...existing.items, ...incoming.items] };
            },
          },
          platformProgrammes: {
            keyArgs: ['filter', 'first'],
            // "Show more" passes the previous page's cursor as `after`: append; a first page replaces.
            merge(existing: { items: unknown[] } | undefined, incoming: { items: unknown[] }, { args }) {
              if (!args?.after || !existing) return incoming;
              return { ...incoming, items: [...existing.items, ...incoming.items] };
            },
          },
        },
      },
    },
  });
}

/**
 * The Apollo client both portals use. Link chain, outermost first:
 * 1. error: an UNAUTHENTICATED answer while signed in → refresh the session once → retry once;
 *    if the refresh fails → `onSessionExpired`.
 * 2. context: `x-csrf-token` from the `lena_csrf` cookie, read afresh for every attempt (the
 *    refresh rotates it).
 * 3. retry: queries that failed to reach the API are retried a few times; mutations never are.
 * 4. http: same-origin POST with cookies (`credentials: 'include'`).
 */
export function createLenaApolloClient(options: LenaApolloClientOptions = {}): ApolloClient {
  const uri = options.uri ?? '/graphql';
  const wasSignedIn = options.wasSignedIn ?? (() => readCookie(CSRF_COOKIE) !== null);
  const refreshSession = createSessionRefresher(uri, options.fetch);

  const errorLink = new ErrorLink(({ error, operation, forward }) => {
    if (!hasErrorCode(error, LenaErrorCode.UNAUTHENTICATED)) return;
    if (NO_REFRESH_OPERATIONS.has(operation.operationName ?? '')) return;
    if (operation.getContext().lenaSessionRefreshed) return;
    if (!wasSignedIn()) return;
    return observableFrom(refreshSession()).pipe(
      mergeMap((refreshed) => {
        if (!refreshed) {
          (options.onSessionExpired ?? announceSessionExpired)();
          return throwError(() => error);
        }
        operation.setContext({ lenaSessionRefreshed: true });
        return forward(operation);
      }),
    );
  });

  const csrfLink = new SetContextLink((previous) => ({
    headers: { ...(previous.headers as Record<string, string> | undefined), ...csrfHeaders() },
  }));

  const retryLink = new RetryLink({
    delay: { initial: 300, max: 3000, jitter: true },
    attempts: {
      max: 3,
      retryIf: (error, operation) => operation.operationType === OperationTypeNode.QUERY && (!ServerError.is(error) || error.statusCode >= 502),
    },
  });

  const httpLink = new HttpLink({
    uri,
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return new ApolloClient({
    link: ApolloLink.from([errorLink, csrfLink, retryLink, httpLink]),
    cache: createLenaCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
