// Whether the machine's cores are idle: for benchmarks that must not start beside other work.
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Samples the cores every `sampleMs` until one sample is at most `maxBusy` busy (a share of all
 * cores' time), or `timeoutMs` has passed. Returns the last sample's share and whether it was quiet.
 */
export async function waitForQuietCores({ maxBusy = 0.2, sampleMs, timeoutMs, onBusy = () => {} }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await busyShare(sampleMs);
    if (busy <= maxBusy) return { busy, quiet: true };
    if (Date.now() > deadline) return { busy, quiet: false };
    onBusy(busy);
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
