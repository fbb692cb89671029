module.exports = require('@lena/jest-preset').createJestConfig(__dirname, {
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: require.resolve('./test/support/global-setup.cjs'),
  globalTeardown: require.resolve('@lena/test-services/jest-global-teardown'),
  // One browser flow at a time: the machine has two cores and the stack uses both.
  maxWorkers: 1,
  testTimeout: 120_000,
});
