import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, loadEnv, type UserConfigFnObject } from 'vite';

/**
 * The libraries every page needs, each in a chunk of its own: they change less often than the
 * portal's code (so browsers keep them cached across releases) and no chunk nears 500 kB.
 * A portal's pages (see `lazyPage`) get chunks of their own besides.
 */
const VENDOR_CHUNKS = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 2 },
  { name: 'apollo', test: /[\\/]node_modules[\\/](@apollo|@wry|graphql|optimism|rxjs|tslib)[\\/]/, priority: 1 },
];

/**
 * A portal's Vite config. The API is reached same-origin: /graphql (and /calendar/, the
 * subscription feeds) is proxied to LENA_API_URL
 * (cookies then stay first-party). PUBLIC_* variables (the portals' own addresses, the same ones
 * the API puts in emails) are built into the page as `import.meta.env.PUBLIC_*`: they are public.
 */
export function portalViteConfig({ port }: { port: number }): UserConfigFnObject {
  return defineConfig(({ mode }) => {
    const env = loadEnv(mode, '.', 'LENA_');
    const api = env.LENA_API_URL || 'http://localhost:4000';
    // Calendar subscription feeds are served by the API at the portal's own address too.
    const proxy = { '/graphql': { target: api }, '/calendar/': { target: api } };
    return {
      plugins: [react()],
      // rxjs (under Apollo) publishes an ES2015 build beside its ES5 one: ~2 kB (gzipped) less on every first page.
      resolve: { conditions: ['es2015', ...defaultClientConditions] },
      envPrefix: ['VITE_', 'PUBLIC_'],
      server: { port, strictPort: true, proxy },
      preview: { port, proxy },
      // The manifest (dist/.vite/manifest.json) tells `pnpm bench` which chunks the first page loads.
      build: { sourcemap: true, manifest: true, rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } } },
    };
  });
}
