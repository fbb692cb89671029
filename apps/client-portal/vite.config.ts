import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// The API is reached same-origin: /graphql is proxied to LENA_API_URL (cookies then stay first-party).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'LENA_');
  const proxy = { '/graphql': { target: env.LENA_API_URL || 'http://localhost:4000' } };
  return {
    plugins: [react()],
    server: { port: 5173, strictPort: true, proxy },
    preview: { port: 5173, proxy },
    build: { sourcemap: true },
  };
});
