import { portalViteConfig } from '@lena/portal-kit/vite';

// The portal. Its anonymous pages (feedback.html, measures.html) are built apart, on Preact:
// vite.anonymous-pages.config.ts. The dev server serves them too (on React).
export default portalViteConfig({ port: 5173 });
