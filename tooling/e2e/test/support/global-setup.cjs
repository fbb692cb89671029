// Finds or starts PostgreSQL and Redis, then migrates this suite's template database once.
const startServices = require('@lena/test-services/jest-global-setup');
const { ensureTemplateDatabase } = require('@lena/database/testing');

module.exports = async function globalSetup() {
  await startServices();
  await ensureTemplateDatabase(process.env.TEST_DATABASE_SERVER_URL, 'e2e');
};
