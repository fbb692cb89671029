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

export function isPlatformAdmin(viewer: Viewer | null): boolean {
  return Boolean(viewer?.platformRoles.includes('PLATFORM_ADMIN'));
}

export function isFacilitator(viewer: Viewer | null): boolean {
  return Boolean(viewer?.platformRoles.includes('FACILITATOR'));
}

function SessionUnavailable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Page title="Lena is not available right now">
      <LoadError title="We could not check whether you are signed in" message={message} onRetry={onRetry} />
    </Page>
  );
}

/** Pages for signed-in people: others go to the sign-in page and come back afterwards. */
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
  return <Outlet />;
}

/** The admin area: platform admins only; anyone else is told, without the admin pages loading. */
export function RequirePlatformAdmin() {
  const { viewer } = useSession();
  if (!isPlatformAdmin(viewer)) {
    return (
      <Page title="You do not have access to this page">
        <p>This page is for Lena platform administrators. If you think you should have access, ask a platform administrator.</p>
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
