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
    // Pin the zone so "the viewer's zone" is known in tests; cases that need another zone pass one.
    env: { TZ: 'Europe/London' },
  },
});
