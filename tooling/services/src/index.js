'use strict';
/**
 * @lena/test-services: the services Lena needs (PostgreSQL, Redis, an SMTP catcher) for tests and
 * `pnpm dev`. Each `ensure*` reuses what is configured or already running and otherwise starts a
 * private server that `stop()` (or the end of this process) shuts down again.
 */
/**
 * @typedef {import('./postgres').PostgresHandle} PostgresHandle
 * @typedef {import('./postgres').EnsurePostgresOptions} EnsurePostgresOptions
 * @typedef {import('./redis').RedisHandle} RedisHandle
 * @typedef {import('./redis').EnsureRedisOptions} EnsureRedisOptions
 * @typedef {import('./smtp-capture').SmtpCapture} SmtpCapture
 * @typedef {import('./smtp-capture').SmtpCaptureOptions} SmtpCaptureOptions
 * @typedef {import('./smtp-capture').CapturedMessage} CapturedMessage
 * @typedef {import('./smtp-capture').CapturedAttachment} CapturedAttachment
 * @typedef {import('./mail-viewer').MailViewer} MailViewer
 * @typedef {import('./test-services').TestServices} TestServices
 * @typedef {import('./test-services').StartTestServicesOptions} StartTestServicesOptions
 */
const { ensurePostgres, findPostgresBinaries } = require('./postgres');
const { ensureRedis, redisAnswers, REDIS_MISSING_MESSAGE } = require('./redis');
const { startSmtpCapture, extractLinks } = require('./smtp-capture');
const { startMailViewer } = require('./mail-viewer');
const { startTestServices } = require('./test-services');
const { freePort, repoRoot, withDatabaseName } = require('./util');

module.exports = {
  ensurePostgres,
  ensureRedis,
  extractLinks,
  findPostgresBinaries,
  freePort,
  redisAnswers,
  REDIS_MISSING_MESSAGE,
  repoRoot,
  startMailViewer,
  startSmtpCapture,
  startTestServices,
  withDatabaseName,
};
