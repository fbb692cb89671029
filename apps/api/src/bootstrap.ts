import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { createLogger, loggerOptionsFromEnv, PinoNestLogger, type Logger } from '@lena/logging';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { registerGraphqlLandingPage } from './common/graphql-landing-page';
import { currentRequestContext } from './common/request-context';
import { registerRequestLifecycle } from './common/request-lifecycle';
import { fastifyLoggerOptions, registerRequestLogging } from './common/request-logging';
import type { AppConfig } from './config/app-config';
import { fastifyTrustProxy } from './config/trusted-proxies';
import { accessReader } from './sessions/access-reader';
import { TokenService } from './sessions/token.service';

export interface CreateApiOptions {
  /**
   * Where the API logs: a pino logger (tests pass one writing to a stream they read), `false` for
   * nothing, or by default JSON on stdout as LENA_LOG_FORMAT and LENA_LOG_LEVEL say.
   */
  logger?: Logger | false;
}

/** Builds the API (not yet listening). Used by main, the tests and the benchmark alike. */
export async function createApi(config: AppConfig, options: CreateApiOptions = {}): Promise<NestFastifyApplication> {
  const logger = options.logger === false ? createLogger({ service: 'api', level: 'silent' }) : (options.logger ?? createLogger(loggerOptionsFromEnv(process.env, 'api')));
  const adapter = new FastifyAdapter({ trustProxy: fastifyTrustProxy(config.trustedProxies), bodyLimit: 256 * 1024, ...fastifyLoggerOptions(logger) });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    // Nest's own lines (and every `new Logger(...)` in our code) go to pino too, and inside a
    // request through that request's logger, so they carry its id, tenant and user.
    logger: new PinoNestLogger(logger, () => currentRequestContext()?.request.log as Logger | undefined),
    abortOnError: false,
  });
  try {
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.register(fastifyCookie);
    // Outcome reports' downloads are signed in as GraphQL requests are.
    // Reports' files are fetched by following a link: the cookie alone signs them in (accessReader says why).
    const downloads = ['/outcomes/reports/'];
    registerRequestLifecycle(fastify, app.get(DataSource), accessReader(app.get(TokenService), { downloads }), ['/graphql', ...downloads]);
    registerRequestLogging(fastify);
    if (!config.production) registerGraphqlLandingPage(fastify);
    app.enableShutdownHooks();
    await app.init();
    return app;
  } catch (error) {
    // Give back the connections already opened (PostgreSQL pool, Redis), or the process hangs.
    await app.close().catch(() => undefined);
    throw error;
  }
}
