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
 * For a portal with pages of its own (the client portal's feedback page, which has no router):
 * the router in a chunk apart from React, so those pages load React alone. React's group goes
 * first: a group takes its modules' dependencies with it, and the router's would swallow React.
 * Only then, because the extra chunk costs the portal's first route about half a kB.
 */
const VENDOR_CHUNKS_WITH_ROUTERLESS_PAGES = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
  { name: 'router', test: /[\\/]node_modules[\\/]react-router[\\/]/, priority: 2 },
  { name: 'apollo', test: /[\\/]node_modules[\\/](@apollo|@wry|graphql|optimism|rxjs|tslib)[\\/]/, priority: 1 },
];

/**
 * A portal's Vite config. The API is reached same-origin: /graphql (and /calendar/, the
 * subscription feeds, and /feedback/, the feedback page's calls) is proxied to LENA_API_URL
 * (cookies then stay first-party). PUBLIC_* variables (the portals' own addresses, the same ones
 * the API puts in emails) are built into the page as `import.meta.env.PUBLIC_*`: they are public.
 */
export function portalViteConfig({ port, pages = [] }: { port: number; pages?: readonly string[] }): UserConfigFnObject {
  return defineConfig(({ mode }) => {
    const env = loadEnv(mode, '.', 'LENA_');
    const api = env.LENA_API_URL || 'http://localhost:4000';
    // Calendar subscription feeds are served by the API at the portal's own address too.
    // And the anonymous feedback and measures pages' plain calls (/feedback/…, /outcomes/form, /outcomes/responses).
    const proxy = { '/graphql': { target: api }, '/calendar/': { target: api }, '/feedback/': { target: api }, '/outcomes/': { target: api } };
    // Pages of their own beside the portal (index.html), each its own entry with its own chunks.
    const input: Record<string, string> = { index: 'index.html' };
    for (const page of pages) input[page.replace(/\.html$/, '')] = page;
    return {
      plugins: [react()],
      // rxjs (under Apollo) publishes an ES2015 build beside its ES5 one: ~2 kB (gzipped) less on every first page.
      resolve: { conditions: ['es2015', ...defaultClientConditions] },
      envPrefix: ['VITE_', 'PUBLIC_'],
      server: { port, strictPort: true, proxy },
      preview: { port, proxy },
      // The manifest (dist/.vite/manifest.json) tells `pnpm bench` which chunks the first page loads.
      build: {
        sourcemap: true,
        manifest: true,
        rolldownOptions: { input, output: { codeSplitting: { groups: pages.length > 0 ? VENDOR_CHUNKS_WITH_ROUTERLESS_PAGES : VENDOR_CHUNKS } } },
      },
    };
  });
}
