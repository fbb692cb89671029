import { portalViteConfig } from '@lena/portal-kit/vite';

// feedback.html and measures.html: the anonymous feedback and outcome questionnaire pages, entries of their own (src/feedback, src/measures).
export default portalViteConfig({ port: 5173, pages: ['feedback.html', 'measures.html'] });
