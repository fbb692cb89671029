'use strict';
/** Ready-made jest globalTeardown: stops what `jest-global-setup` started. */

/** @returns {Promise<void>} */
module.exports = async function globalTeardown() {
  const shared = /** @type {{ __LENA_TEST_SERVICES__?: { stop(): Promise<void> } }} */ (globalThis);
  const services = shared.__LENA_TEST_SERVICES__;
  shared.__LENA_TEST_SERVICES__ = undefined;
  if (services) await services.stop();
};
