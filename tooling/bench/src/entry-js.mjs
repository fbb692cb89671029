// What a page of a Vite build makes a browser download before it runs: its entry chunk and every
// chunk that imports statically (what the page's HTML loads and modulepreloads), read from the
// build manifest (dist/.vite/manifest.json, or the manifest of a build of its own). Dynamic
// imports (lazy pages) do not count.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The JavaScript files the page `entry` (its HTML file, as the manifest names it) loads, each once. */
export function entryFiles(manifest, entry) {
  if (!manifest[entry]?.isEntry)
    throw new Error(
      `the manifest has no entry ${entry} (entries: ${Object.keys(manifest)
        .filter((key) => manifest[key].isEntry)
        .join(', ')})`,
    );
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but has no such chunk`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files].filter((file) => file.endsWith('.js'));
}

/**
 * The gzipped kB (of 1,000 bytes, as Vite reports) of the JavaScript page `entry` of the build in
 * `dist` loads, read from the manifest `manifestFile` (under dist/); logs each file.
 */
export function entryJsKb(dist, entry, label, manifestFile = '.vite/manifest.json') {
  const manifestPath = join(dist, manifestFile);
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build the portal first (pnpm bench does)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  let bytes = 0;
  for (const file of entryFiles(manifest, entry)) {
    const gzipped = gzipSync(readFileSync(join(dist, file))).length;
    console.log(`${label}: ${file} ${(gzipped / 1000).toFixed(1)} kB gzipped`);
    bytes += gzipped;
  }
  return bytes / 1000;
}
