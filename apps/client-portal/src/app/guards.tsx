import { useSession, type Viewer } from '@lena/graphql-client/react';
import { LoadError, Page, Spinner } from '@lena/ui';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';

/** The signed-in person; only for pages under <RequireViewer>. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer is only for pages behind <RequireViewer>.');
  return viewer;
}

export function isOrgAdmin(viewer: Viewer | null): boolean {
  return viewer?.tenantRole === 'ORG_ADMIN';
}

function SessionUnavailable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Page title="Lena is not available right now">
      <LoadError title="We could not check whether you are signed in" message={message} onRetry={onRetry} />
    </Page>
  );
}

/**
 * Pages for signed-in members of an organisation: others go to the sign-in page and come back
 * afterwards; someone signed in without an organisation is told so.
 */
export function RequireViewer() {
  const session = useSession();
  const location = useLocation();
  if (session.loading) return <Spinner label="Checking your sign-in" />;
  if (session.error) return <SessionUnavailable message={session.error.message} onRetry={session.retry} />;
  if (!session.viewer) {
    const next = `${location.pathname}${location.search}`;
    const to = session.endedBy === 'sign-out' || next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace state={{ endedBy: session.endedBy }} />;
  }
  if (!session.viewer.tenant) {
    return (
      <Page title="You are not in an organisation yet">
        <p>You are signed in as {session.viewer.email}, but you do not belong to an organisation on Lena.</p>
        <p>Ask your organisation’s Lena coordinator to invite you. If you work for Lena, use the facilitator portal.</p>
      </Page>
    );
  }
  return <Outlet />;
}

/** Organisation admins only; a participant who follows a link is told, without the page loading. */
export function RequireOrgAdmin() {
  const { viewer } = useSession();
  if (!isOrgAdmin(viewer)) {
    return (
      <Page title="You do not have access to this page">
        <p>This page is for your organisation’s Lena admins. If you think you should have access, ask one of them.</p>
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
