// How much JavaScript each portal's first route (the sign-in page) makes a browser download:
// index.html's entry chunk and every chunk it imports statically (what index.html loads and
// modulepreloads), gzipped, read from the Vite build manifest (entry-js.mjs). Lazy pages
// (`lazyPage`) are dynamic imports and do not count. Prints RESULT portal-js portal=<name> kb=<n>
// per portal (kB of 1,000 bytes, as Vite reports). Target: at most 150 each; exits 1 above it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryJsKb } from './entry-js.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const PORTALS = [
  { name: 'client', dir: join(repo, 'apps/client-portal/dist') },
  { name: 'facilitator', dir: join(repo, 'apps/facilitator-portal/dist') },
];
const BUDGET_KB = 150;

let overBudget = false;
for (const portal of PORTALS) {
  const kb = entryJsKb(portal.dir, 'index.html', portal.name);
  if (kb > BUDGET_KB) overBudget = true;
  console.log(`RESULT portal-js portal=${portal.name} kb=${kb.toFixed(1)}`);
}
if (overBudget) {
  console.error(`A portal's first route loads more than ${BUDGET_KB} kB of gzipped JavaScript.`);
  process.exit(1);
}
