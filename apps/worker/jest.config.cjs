module.exports = require('@lena/jest-preset').createJestConfig(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: require.resolve('@lena/test-services/jest-global-teardown'),
  // Each test file starts a worker, an SMTP server and a database of its own.
  testTimeout: 30_000,
});
