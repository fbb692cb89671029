import { createApi } from './bootstrap';
import { configFromEnv } from './config/app-config';

async function main(): Promise<void> {
  const config = configFromEnv();
  const app = await createApi(config);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Lena API listening on http://${config.host}:${config.port}/graphql`);
}

main().catch((error: unknown) => {
  console.error('The API could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
