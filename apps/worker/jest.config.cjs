module.exports = require('@lena/jest-preset').createJestConfig(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: require.resolve('@lena/test-services/jest-global-teardown'),
});
