// The portals take Apollo's React API from here, so that exactly one copy of @apollo/client (the
// one this package was built against) is in play for both types and runtime.
export { ApolloProvider, useApolloClient, useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
export { announceSessionExpired, forgetSession, SESSION_EXPIRED_EVENT, SessionProvider, useSession, type Session, type Viewer } from './session.js';
