// Runs every benchmark in this folder (every *.bench.mjs, among them dashboard-growth.bench.mjs with
// its dashboard-growth and rollup-vs-scratch results), one after another (they share the machine's two cores).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.mjs'))
  .sort();
let failed = false;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
