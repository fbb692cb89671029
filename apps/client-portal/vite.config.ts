import { portalViteConfig } from '@lena/portal-kit/vite';

// feedback.html: the anonymous feedback page, an entry of its own (src/feedback).
export default portalViteConfig({ port: 5173, pages: ['feedback.html'] });
