// How much JavaScript the anonymous feedback page (the client portal's feedback.html, opened from
// a feedback email, often on a phone) makes a browser download: its entry chunk and every chunk
// it imports statically, gzipped, from the manifest of the anonymous pages' own build (on Preact:
// apps/client-portal/vite.anonymous-pages.config.ts) (entry-js.mjs). Prints
// RESULT feedback-page-js kb=<n> (kB of 1,000 bytes). Target: at most 100; exits 1 above it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryJsKb } from './entry-js.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BUDGET_KB = 100;

const kb = entryJsKb(join(here, '../../../apps/client-portal/dist'), 'feedback.html', 'feedback', '.vite/anonymous-pages-manifest.json');
console.log(`RESULT feedback-page-js kb=${kb.toFixed(1)}`);
if (kb > BUDGET_KB) {
  console.error(`The feedback page loads more than ${BUDGET_KB} kB of gzipped JavaScript.`);
  process.exit(1);
}
