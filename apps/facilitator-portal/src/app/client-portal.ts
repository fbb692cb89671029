/** Where organisations' people use Lena; localhost:5173 (as `pnpm dev` serves it) unless the build says otherwise. */
export const CLIENT_PORTAL_URL: string = import.meta.env.PUBLIC_CLIENT_PORTAL_URL || 'http://localhost:5173';
