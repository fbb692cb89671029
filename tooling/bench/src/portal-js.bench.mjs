// How much JavaScript each portal's first route (the sign-in page) makes a browser download:
// the entry chunk and every chunk it imports statically (what index.html loads and modulepreloads),
// gzipped, read from the Vite build manifest (dist/.vite/manifest.json). Lazy pages (`lazyPage`)
// are dynamic imports and do not count. Prints RESULT portal-js portal=<name> kb=<n> per portal
// (kB of 1,000 bytes, as Vite reports). Target: at most 150 each; exits 1 above it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const PORTALS = [
  { name: 'client', dir: join(repo, 'apps/client-portal/dist') },
  { name: 'facilitator', dir: join(repo, 'apps/facilitator-portal/dist') },
];
const BUDGET_KB = 150;

/** The entry's own file and those of its static imports, each once. */
function firstRouteFiles(manifest) {
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but has no such chunk`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entries[0]);
  return [...files].filter((file) => file.endsWith('.js'));
}

let overBudget = false;
for (const portal of PORTALS) {
  const manifestPath = join(portal.dir, '.vite/manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build the portal first (pnpm bench does)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const files = firstRouteFiles(manifest);
  let bytes = 0;
  for (const file of files) {
    const gzipped = gzipSync(readFileSync(join(portal.dir, file))).length;
    console.log(`${portal.name}: ${file} ${(gzipped / 1000).toFixed(1)} kB gzipped`);
    bytes += gzipped;
  }
  const kb = bytes / 1000;
  if (kb > BUDGET_KB) overBudget = true;
  console.log(`RESULT portal-js portal=${portal.name} kb=${kb.toFixed(1)}`);
}
if (overBudget) {
  console.error(`A portal's first route loads more than ${BUDGET_KB} kB of gzipped JavaScript.`);
  process.exit(1);
}
