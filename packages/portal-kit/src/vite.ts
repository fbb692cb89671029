import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, loadEnv, type PluginOption, type UserConfigFnObject } from 'vite';

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
 * What the portal and its anonymous pages share: the API reached same-origin. /graphql (and
 * /calendar/, the subscription feeds, and /feedback/ and /outcomes/, the anonymous pages' calls)
 * is proxied to LENA_API_URL (cookies then stay first-party). PUBLIC_* variables (the portals' own
 * addresses, the same ones the API puts in emails) are built into the page as
 * `import.meta.env.PUBLIC_*`: they are public.
 */
function sharedConfig(mode: string, port: number) {
  const env = loadEnv(mode, '.', 'LENA_');
  const api = env.LENA_API_URL || 'http://localhost:4000';
  const proxy = { '/graphql': { target: api }, '/calendar/': { target: api }, '/feedback/': { target: api }, '/outcomes/': { target: api } };
  return {
    envPrefix: ['VITE_', 'PUBLIC_'],
    server: { port, strictPort: true, proxy },
    preview: { port, proxy },
  };
}

/** A portal's Vite config: its app (index.html), with the vendor libraries in chunks of their own. */
export function portalViteConfig({ port }: { port: number }): UserConfigFnObject {
  return defineConfig(({ mode }) => ({
    ...sharedConfig(mode, port),
    plugins: [react()],
    // rxjs (under Apollo) publishes an ES2015 build beside its ES5 one: ~2 kB (gzipped) less on every first page.
    resolve: { conditions: ['es2015', ...defaultClientConditions] },
    // The manifest (dist/.vite/manifest.json) tells `pnpm bench` which chunks the first page loads.
    build: { sourcemap: true, manifest: true, rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } } },
  }));
}

/**
 * The anonymous pages' own build (the client portal's feedback and measures pages, opened from an
 * email on any phone): written beside the portal's build (run it after), with React's API served
 * by Preact (preact/compat, ~5 kB gzipped where React's DOM is ~65 kB). Why: they must open in
 * under a second on a slow phone (`pnpm bench`: feedback-page-open), and React's download alone
 * took half that on a slow 4G connection. The pages use only function components, state, effects
 * and refs, which Preact implements as React does; their component tests run on React, and the
 * browser tests on this build. The dev server (`portalViteConfig`) serves them on React.
 */
export function anonymousPagesViteConfig({ port, pages, plugins = [] }: { port: number; pages: readonly string[]; plugins?: PluginOption[] }): UserConfigFnObject {
  return defineConfig(({ mode }) => ({
    ...sharedConfig(mode, port),
    plugins: [react(), ...plugins],
    resolve: {
      alias: [
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^(react|react-dom)$/, replacement: 'preact/compat' },
      ],
    },
    build: {
      sourcemap: true,
      // Beside the portal's build, which this one must not delete, with a manifest of its own.
      emptyOutDir: false,
      manifest: '.vite/anonymous-pages-manifest.json',
      rolldownOptions: {
        input: Object.fromEntries(pages.map((page) => [page.replace(/\.html$/, ''), page])),
        output: { codeSplitting: { groups: [{ name: 'preact', test: /[\\/]node_modules[\\/]preact[\\/]/ }] } },
      },
    },
  }));
}
