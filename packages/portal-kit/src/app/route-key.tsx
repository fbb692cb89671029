import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { matchRoutes, useLocation, type RouteObject } from 'react-router';

const RouteKeyContext = createContext<string | undefined>(undefined);

const routeIds = new WeakMap<RouteObject, number>();
let nextRouteId = 0;
function idOf(route: RouteObject): number {
  let id = routeIds.get(route);
  if (id === undefined) {
    id = nextRouteId++;
    routeIds.set(route, id);
  }
  return id;
}

/**
 * Which route (not which address) is showing: `/admin/tenants/1` and `/admin/tenants/2` are the
 * same route. The frame keys its loading boundary with it (see PortalLayout); data routers offer
 * this as `useMatches()`, but the portals use the lighter declarative router.
 */
export function RouteKeyProvider({ routes, children }: { routes: RouteObject[]; children: ReactNode }) {
  const location = useLocation();
  const matches = useMemo(() => matchRoutes(routes, location), [routes, location]);
  const key = matches?.map((match) => idOf(match.route)).join('/');
  return <RouteKeyContext.Provider value={key}>{children}</RouteKeyContext.Provider>;
}

export function useRouteKey(): string | undefined {
  return useContext(RouteKeyContext);
}
