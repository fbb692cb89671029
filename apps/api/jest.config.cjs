// Every test file boots the real API against a database of its own (cloned from a migrated
// template) and the Redis of the run; global setup finds or starts both, once.
const config = require('@lena/jest-preset').createJestConfig(__dirname, {
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
});

// CommonJS packages that load an ESM dependency with import() (jest refuses that without
// --experimental-vm-modules): compile them too, so import() becomes require().
const DYNAMIC_IMPORTERS = ['@fastify/cookie', 'mercurius', '@react-email/render'];
config.transformIgnorePatterns = config.transformIgnorePatterns.map((pattern) =>
  pattern.replace('(?!(', `(?!(${DYNAMIC_IMPORTERS.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')}|`),
);
// @react-email/render ships its CommonJS build as .cjs, which the preset's transform does not match.
const [[, swc]] = Object.values(config.transform).map((entry) => [null, entry]);
config.transform = { ...config.transform, '^.+\\.cjs$': swc };

module.exports = config;
