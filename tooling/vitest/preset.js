// Shared Vitest configuration for React component tests (ui, portal-kit, the portals).
import react from '@vitejs/plugin-react';
import { defineConfig, mergeConfig } from 'vitest/config';

const base = defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // jsdom under a full parallel `pnpm test` on two cores is slow; 5 s (the default) was close.
    testTimeout: 20_000,
    setupFiles: [new URL('./setup.js', import.meta.url).pathname],
    // Pin the zone so "the viewer's zone" is known in tests; cases that need another zone pass one.
    env: { TZ: 'Europe/London' },
  },
});

/** @param {import('vitest/config').ViteUserConfig} [overrides] */
export function createVitestConfig(overrides = {}) {
  return mergeConfig(base, overrides);
}
