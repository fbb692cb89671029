import { useSession, type Viewer } from '@lena/graphql-client/react';
import { LoadError, Page, Spinner } from '@lena/ui';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';

/** Who may use a portal once signed in, and what everyone else signed in is told instead. */
export interface PortalEntry {
  admits: (viewer: Viewer) => boolean;
  /** A whole page (with its own `<Page>`), shown in place of every page behind <RequireViewer>. */
  refusal: (viewer: Viewer) => ReactNode;
}

/** The signed-in person; only for pages under <RequireViewer>. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer is only for pages behind <RequireViewer>.');
  return viewer;
}

function SessionUnavailable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Page title="Lena is not available right now">
      <LoadError title="We could not check whether you are signed in" message={message} onRetry={onRetry} />
    </Page>
  );
}

/**
 * Pages for signed-in people: others go to the sign-in page and come back afterwards; someone
 * signed in whom the portal does not admit (`entry`) is told so.
 */
export function RequireViewer({ entry }: { entry?: PortalEntry }) {
  const session = useSession();
  const location = useLocation();
  if (session.loading) return <Spinner label="Checking your sign-in" />;
  if (session.error) return <SessionUnavailable message={session.error.message} onRetry={session.retry} />;
  if (!session.viewer) {
    const next = `${location.pathname}${location.search}`;
    const to = session.endedBy === 'sign-out' || next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace state={{ endedBy: session.endedBy }} />;
  }
  if (entry && !entry.admits(session.viewer)) return <>{entry.refusal(session.viewer)}</>;
  return <Outlet />;
}

export interface RequireRoleProps {
  /** Who may see the pages below, e.g. organisation admins. */
  allows: (viewer: Viewer | null) => boolean;
  /** What anyone else is told: who the pages are for and whom to ask. */
  refusal: string;
}

/** Part of a portal for some people only; anyone else who follows a link is told, without the pages loading. */
export function RequireRole({ allows, refusal }: RequireRoleProps) {
  const { viewer } = useSession();
  if (!allows(viewer)) {
    return (
      <Page title="You do not have access to this page">
        <p>{refusal}</p>
      </Page>
    );
  }
  return <Outlet />;
}

/** Where to go after signing in: the `next` parameter if it is a path in this portal, else home. */
export function useNextPath(): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Sign-in and similar pages: someone already signed in goes straight on. */
export function PublicOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  const next = useNextPath();
  if (session.viewer) return <Navigate to={next} replace />;
  return <>{children}</>;
}
