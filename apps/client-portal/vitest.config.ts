import { createVitestConfig } from '@lena/vitest-preset';

export default createVitestConfig({
  test: {
    // Left to Node, react-router/dom's own `require('react-router')` loads a second copy of the
    // router (CommonJS, with its own contexts); pre-bundled, both entry points share one, as in Vite.
    deps: { optimizer: { client: { enabled: true, include: ['react-router', 'react-router/dom'] } } },
  },
});
