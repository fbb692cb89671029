'use strict';
/** Ready-made jest globalTeardown: stops what `jest-global-setup` started. */

/** @returns {Promise<void>} */
module.exports = async function globalTeardown() {
  const services = /** @type {any} */ (globalThis).__LENA_TEST_SERVICES__;
  /** @type {any} */ (globalThis).__LENA_TEST_SERVICES__ = undefined;
  if (services) await services.stop();
};
