import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { CSRF_COOKIE, readCookie } from '../cookies.js';
import { describeError, type DescribedError } from '../errors.js';
import { announceSessionExpired, SESSION_EXPIRED_EVENT } from '../session-events.js';
import { LogoutDocument, RefreshSessionDocument, ViewerDocument, type ViewerFieldsFragment } from '../generated/first-route.js';

export type Viewer = ViewerFieldsFragment;

export interface Session {
  /** Who is signed in; null when nobody is (or before the first answer). */
  viewer: Viewer | null;
  /** True until we know whether someone is signed in. */
  loading: boolean;
  /** Set when the API could not be asked (e.g. it is down): show it and offer `retry`. */
  error: DescribedError | null;
  retry: () => void;
  /** After login, acceptInvitation or switchTenant: forget the previous person's data, keep the new viewer. */
  startSession: (viewer: Viewer) => Promise<void>;
  /** After the person changed their own details (e.g. their name): same person, so nothing cached is forgotten. */
  updateViewer: (viewer: Viewer) => void;
  /** Calls logout (ignoring failures: the cookies may already be gone) and forgets everything cached. */
  signOut: () => Promise<void>;
  /** Why the last session ended in this tab, for the sign-in page to say so. */
  endedBy: 'sign-out' | 'expiry' | null;
}

const SessionContext = createContext<Session | null>(null);

export { announceSessionExpired, SESSION_EXPIRED_EVENT };

/** Empties the cache and records that nobody is signed in (e.g. after a refresh failed). */
export async function forgetSession(client: ApolloClient): Promise<void> {
  await client.clearStore();
  client.writeQuery({ query: ViewerDocument, data: { viewer: null } });
}

/**
 * Asks the API who is signed in, once, and shares the answer. When the answer is "nobody" but the
 * browser still holds the CSRF cookie, the access cookie may simply have lapsed: one
 * `refreshSession` is tried before the person is treated as signed out.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first', notifyOnNetworkStatusChange: true });
  const [refresh, setRefresh] = useState<'idle' | 'running' | 'done'>('idle');
  const [endedBy, setEndedBy] = useState<Session['endedBy']>(null);
  // What this tab decided since the query answered (signed in, switched, signed out, expired). Kept
  // in state rather than only in the cache: the cache is cleared on every change of person.
  const [override, setOverride] = useState<{ viewer: Viewer | null } | null>(null);
  const viewer = override ? override.viewer : (data?.viewer ?? null);
  const answered = data !== undefined || override !== null;

  useEffect(() => {
    if (!answered || viewer || refresh !== 'idle' || readCookie(CSRF_COOKIE) === null) return;
    setRefresh('running');
    client
      .mutate({ mutation: RefreshSessionDocument })
      .then((result) => {
        const refreshed = result.data?.refreshSession.viewer;
        if (refreshed) {
          client.writeQuery({ query: ViewerDocument, data: { viewer: refreshed } });
          setOverride({ viewer: refreshed });
        }
      })
      .catch(() => undefined)
      .finally(() => setRefresh('done'));
  }, [answered, viewer, refresh, client]);

  useEffect(() => {
    const onExpired = () => {
      setEndedBy('expiry');
      setRefresh('done');
      setOverride({ viewer: null });
      void forgetSession(client);
    };
    window.addEventListener(SESSION_EXPIRED_EVENT, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED_EVENT, onExpired);
  }, [client]);

  const startSession = useCallback(
    async (next: Viewer) => {
      await client.clearStore();
      client.writeQuery({ query: ViewerDocument, data: { viewer: next } });
      setOverride({ viewer: next });
      setRefresh('done');
      setEndedBy(null);
    },
    [client],
  );

  const updateViewer = useCallback(
    (next: Viewer) => {
      client.writeQuery({ query: ViewerDocument, data: { viewer: next } });
      setOverride({ viewer: next });
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await client.mutate({ mutation: LogoutDocument });
    } catch {
      // Signed out either way: the cookies are the API's to clear, the cache is ours.
    }
    setRefresh('done');
    setEndedBy('sign-out');
    setOverride({ viewer: null });
    await forgetSession(client);
  }, [client]);

  const value = useMemo<Session>(
    () => ({
      viewer,
      loading: (loading && !answered) || refresh === 'running',
      error: error && !answered ? describeError(error) : null,
      retry: () => {
        setOverride(null);
        void refetch().catch(() => undefined);
      },
      startSession,
      updateViewer,
      signOut,
      endedBy,
    }),
    [viewer, loading, answered, refresh, error, refetch, startSession, updateViewer, signOut, endedBy],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>.');
  return session;
}
