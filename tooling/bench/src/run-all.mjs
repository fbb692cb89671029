// Runs every benchmark in this folder (every *.bench.mjs, among them dashboard-growth.bench.mjs with
// its dashboard-growth and rollup-vs-scratch results), one after another (they share the machine's two cores).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForQuietCores } from './quiet-cores.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.mjs'))
  .sort();
let failed = false;
for (const bench of benches) {
  console.log(`\n== ${bench}`);
  await quietMachine();
  const result = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

/**
 * Waits (up to three minutes) until the cores are idle, so that no bench starts beside the work
 * before it: a test run ending, a database still dropping its files. Prints what it saw, so a
 * figure measured on a busy machine says so.
 */
async function quietMachine() {
  const percent = (share) => `${Math.round(share * 100)}%`;
  const { busy, quiet } = await waitForQuietCores({
    sampleMs: 2_000,
    timeoutMs: 180_000,
    onBusy: (share) => console.log(`Waiting for the machine to settle: the cores are ${percent(share)} busy.`),
  });
  console.log(
    quiet ? `The cores were ${percent(busy)} busy before it started.` : `WARNING: the cores stayed ${percent(busy)} busy for three minutes: this bench runs beside other work.`,
  );
}
