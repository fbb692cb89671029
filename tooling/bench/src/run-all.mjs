// Runs every benchmark in this folder (every *.bench.mjs, among them dashboard-growth.bench.mjs with
// its dashboard-growth and rollup-vs-scratch results), one after another (they share the machine's two cores).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** Busier than this, something else is running: the API-against-bare ratios fall by a tenth beside it. */
const QUIET_BUSY_SHARE = 0.2;
const QUIET_WAIT_MS = 180_000;
const SAMPLE_MS = 2_000;

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
  const deadline = Date.now() + QUIET_WAIT_MS;
  for (;;) {
    const busy = await busyShare(SAMPLE_MS);
    const percent = `${Math.round(busy * 100)}%`;
    if (busy <= QUIET_BUSY_SHARE) return console.log(`The cores were ${percent} busy before it started.`);
    if (Date.now() > deadline) return console.log(`WARNING: the cores stayed ${percent} busy for three minutes: this bench runs beside other work.`);
    console.log(`Waiting for the machine to settle: the cores are ${percent} busy.`);
  }
}

/** The share of all cores' time spent busy over the next `ms` milliseconds. */
async function busyShare(ms) {
  const before = cpuTimes();
  await sleep(ms);
  const after = cpuTimes();
  const total = after.total - before.total;
  return total === 0 ? 0 : 1 - (after.idle - before.idle) / total;
}

function cpuTimes() {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { idle, total };
}
