import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type UserConfigFnObject } from 'vite';

/**
 * A portal's Vite config. The API is reached same-origin: /graphql is proxied to LENA_API_URL
 * (cookies then stay first-party).
 */
export function portalViteConfig({ port }: { port: number }): UserConfigFnObject {
  return defineConfig(({ mode }) => {
    const env = loadEnv(mode, '.', 'LENA_');
    const proxy = { '/graphql': { target: env.LENA_API_URL || 'http://localhost:4000' } };
    return {
      plugins: [react()],
      server: { port, strictPort: true, proxy },
      preview: { port, proxy },
      build: { sourcemap: true },
    };
  });
}
