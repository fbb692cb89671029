import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // Left to Node, react-router/dom's own `require('react-router')` loads a second copy of the
    // router (CommonJS, with its own contexts); pre-bundled, both entry points share one, as in Vite.
    deps: { optimizer: { client: { enabled: true, include: ['react-router', 'react-router/dom'] } } },
  },
});
