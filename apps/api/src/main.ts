import { createLogger, loggerOptionsFromEnv } from '@lena/logging';
import { createApi } from './bootstrap';
import { configFromEnv } from './config/app-config';

async function main(): Promise<void> {
  const logger = createLogger(loggerOptionsFromEnv(process.env, 'api'));
  try {
    const config = configFromEnv();
    const app = await createApi(config, { logger });
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: `http://${config.host}:${config.port}/graphql` }, `Lena API listening on http://${config.host}:${config.port}/graphql`);
  } catch (error) {
    logger.fatal({ err: error }, 'The API could not start');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // Only reached when the log settings themselves are wrong.
  console.error('The API could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
