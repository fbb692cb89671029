module.exports = require('@lena/jest-preset').createJestConfig(__dirname, {
  globalSetup: require.resolve('@lena/test-services/jest-global-setup'),
  globalTeardown: require.resolve('@lena/test-services/jest-global-teardown'),
});
