import { anonymousPagesViteConfig } from '@lena/portal-kit/vite';

// The anonymous feedback and outcome questionnaire pages, entries of their own (src/feedback,
// src/measures), built after the portal into the same dist/.
export default anonymousPagesViteConfig({ port: 5173, pages: ['feedback.html', 'measures.html'] });
