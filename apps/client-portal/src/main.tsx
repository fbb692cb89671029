import '@lena/ui/styles.css';
import { createLenaApolloClient } from '@lena/graphql-client';
import { ApolloProvider, SessionProvider } from '@lena/graphql-client/react';
import { UiProvider } from '@lena/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppLink } from './app/app-link.js';
import { createRouter } from './app/router.js';

const client = createLenaApolloClient();
const router = createRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <SessionProvider>
        <UiProvider serviceName="Lena client portal" linkComponent={AppLink}>
          <RouterProvider router={router} />
        </UiProvider>
      </SessionProvider>
    </ApolloProvider>
  </StrictMode>,
);
