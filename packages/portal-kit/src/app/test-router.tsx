import { useLayoutEffect, type ReactNode } from 'react';
import { MemoryRouter, useLocation, useNavigate, type Location, type NavigateOptions, type To } from 'react-router';

/** What a test reads and does to the address, named as on a data router. */
export interface TestRouter {
  readonly state: { location: Location };
  navigate: (to: To, options?: NavigateOptions) => Promise<void>;
}

/**
 * For component tests: a router in memory starting at `path`, to pass to <PortalApp router={…}>,
 * and a handle on it (`router.state.location`, `router.navigate(…)`).
 */
export function createTestRouter(path: string): { Router: (props: { children: ReactNode }) => ReactNode; router: TestRouter } {
  const router: { state: { location: Location }; navigate: TestRouter['navigate'] } = {
    state: { location: { pathname: path, search: '', hash: '', state: null, key: 'default' } },
    navigate: () => Promise.reject(new Error('The test router has not rendered yet.')),
  };
  function Probe() {
    const location = useLocation();
    const navigate = useNavigate();
    useLayoutEffect(() => {
      router.state.location = location;
      router.navigate = async (to, options) => {
        navigate(to, options);
      };
    }, [location, navigate]);
    return null;
  }
  function Router({ children }: { children: ReactNode }) {
    return (
      <MemoryRouter initialEntries={[path]}>
        <Probe />
        {children}
      </MemoryRouter>
    );
  }
  return { Router, router };
}
