import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { registerRequestLifecycle } from './common/request-lifecycle';
import type { AppConfig } from './config/app-config';
import { fastifyTrustProxy } from './config/trusted-proxies';
import { TokenService } from './identity/token.service';

/** Builds the API (not yet listening). Used by main, the tests and the benchmark alike. */
export async function createApi(config: AppConfig, options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: fastifyTrustProxy(config.trustedProxies), bodyLimit: 256 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
    abortOnError: false,
  });
  try {
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.register(fastifyCookie);
    registerRequestLifecycle(fastify, app.get(DataSource), app.get(TokenService));
    app.enableShutdownHooks();
    await app.init();
    return app;
  } catch (error) {
    // Give back the connections already opened (PostgreSQL pool, Redis), or the process hangs.
    await app.close().catch(() => undefined);
    throw error;
  }
}
