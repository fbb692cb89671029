import { defineConfig } from 'vitest/config';

// Node, not jsdom: the one test here runs the code generator, as `pnpm codegen` does.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // The generator loads the schema and every operation; on two busy cores that takes a few seconds.
    testTimeout: 60_000,
  },
});
