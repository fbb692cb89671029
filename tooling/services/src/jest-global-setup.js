'use strict';
/**
 * Ready-made jest globalSetup: starts (or finds) PostgreSQL and Redis once per jest run and puts
 * TEST_DATABASE_SERVER_URL and REDIS_URL into process.env, which the test workers inherit.
 *
 *   // jest.config.cjs
 *   module.exports = require('@lena/jest-preset').createJestConfig(__dirname, {
 *     globalSetup: require.resolve('@lena/test-services/jest-global-setup'),
 *     globalTeardown: require.resolve('@lena/test-services/jest-global-teardown'),
 *   });
 */
const { startTestServices } = require('./test-services');

/** @returns {Promise<void>} */
module.exports = async function globalSetup() {
  const services = await startTestServices();
  // globalSetup and globalTeardown run in the same (parent) process and share globalThis.
  /** @type {any} */ (globalThis).__LENA_TEST_SERVICES__ = services;
};
