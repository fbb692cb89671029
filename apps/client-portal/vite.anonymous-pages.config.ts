import { anonymousPagesViteConfig } from '@lena/portal-kit/vite';
import type { Plugin } from 'vite';
import { askForFormEarly } from './src/link-pages/early-form-call.js';

/** The anonymous pages (src/feedback, src/measures), each with the path its link's form is read from. */
const FORM_PATHS: Record<string, string> = { 'feedback.html': '/feedback/form', 'measures.html': '/outcomes/form' };

/**
 * Writes `askForFormEarly` into each page's head as an inline script, called with the page's form
 * path. Before the build's own tags (`order: 'pre'`): an inline script after a stylesheet waits for
 * the stylesheet, and the call would start that much later.
 */
const earlyFormCall: Plugin = {
  name: 'lena-early-form-call',
  transformIndexHtml: {
    order: 'pre',
    handler(_html, { path }) {
      const formPath = FORM_PATHS[path.replace(/^\//, '')];
      return formPath ? [{ tag: 'script', children: `(${askForFormEarly.toString()})(${JSON.stringify(formPath)});`, injectTo: 'head' }] : [];
    },
  },
};

// The anonymous feedback and outcome questionnaire pages, built after the portal into the same
// dist/, on Preact, each asking for its form from its HTML.
export default anonymousPagesViteConfig({ port: 5173, pages: Object.keys(FORM_PATHS), plugins: [earlyFormCall] });
