import { createHash } from 'node:crypto';
import { anonymousPagesViteConfig } from '@lena/portal-kit/vite';
import type { Plugin } from 'vite';
import { askForFormEarly } from './src/link-pages/early-form-call.js';

/** The anonymous pages (src/feedback, src/measures), each with the path its link's form is read from. */
const FORM_PATHS: Record<string, string> = { 'feedback.html': '/feedback/form', 'measures.html': '/outcomes/form' };

/**
 * What the pages may load and run. They hold a link's secret (in the address), so an injected
 * script must not run: scripts only from this origin, and the one inline script by its hash;
 * calls only to this origin; no plugins, no <base>, no form posted elsewhere.
 * (frame-ancestors is ignored in a <meta>: nginx's X-Frame-Options keeps the pages out of frames.)
 */
function contentSecurityPolicy(inlineScript: string): string {
  const hash = createHash('sha256').update(inlineScript).digest('base64');
  return [
    "default-src 'none'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Writes `askForFormEarly` into each page's head as an inline script, called with the page's form
 * path, with the page's Content-Security-Policy (which allows that script by its hash) before it.
 * Before the build's own tags (`order: 'pre'`): an inline script after a stylesheet waits for
 * the stylesheet, and the call would start that much later.
 */
const earlyFormCall: Plugin = {
  name: 'lena-early-form-call',
  transformIndexHtml: {
    order: 'pre',
    handler(_html, { path }) {
      const formPath = FORM_PATHS[path.replace(/^\//, '')];
      if (!formPath) return [];
      const script = `(${askForFormEarly.toString()})(${JSON.stringify(formPath)});`;
      return [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(script) }, injectTo: 'head' },
        { tag: 'script', children: script, injectTo: 'head' },
      ];
    },
  },
};

// The anonymous feedback and outcome questionnaire pages, built after the portal into the same
// dist/, on Preact, each asking for its form from its HTML.
export default anonymousPagesViteConfig({ port: 5173, pages: Object.keys(FORM_PATHS), plugins: [earlyFormCall] });
