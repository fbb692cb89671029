/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The client portal's address, as the API's PUBLIC_CLIENT_PORTAL_URL (set when the portal is built). */
  readonly PUBLIC_CLIENT_PORTAL_URL?: string;
}
