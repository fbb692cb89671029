import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // jsdom under a full parallel `pnpm test` on two cores is slow; 5 s (the default) was close.
    testTimeout: 20_000,
    setupFiles: ['./vitest.setup.ts'],
    // Pin the zone so "the viewer's zone" is known in tests (dates in invitation tables).
    env: { TZ: 'Europe/London' },
    // Left to Node, react-router/dom's own `require('react-router')` loads a second copy of the
    // router (CommonJS, with its own contexts); pre-bundled, both entry points share one, as in Vite.
    deps: { optimizer: { client: { enabled: true, include: ['react-router', 'react-router/dom'] } } },
  },
});
