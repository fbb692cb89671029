// Redis comes from REDIS_URL, 127.0.0.1:6379, or a private server that @lena/test-services starts.
module.exports = require('@lena/jest-preset').createJestConfig(__dirname, {
  globalSetup: require.resolve('@lena/test-services/jest-global-setup'),
  globalTeardown: require.resolve('@lena/test-services/jest-global-teardown'),
});
