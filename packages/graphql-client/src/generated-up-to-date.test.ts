/// <reference types="node" />
// The only Node code in this package (the rest runs in browsers): Node types for this file alone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * The generated modules are committed, so an operation (or `apps/api/schema.graphql`) changed without
 * `pnpm codegen` would leave the portals typed against documents the API no longer answers. This runs
 * the same generator with the same configuration in memory and compares, as the API's
 * graphql-limits test does for schema.graphql.
 */
describe('the generated modules', () => {
  it('is what `pnpm codegen` makes from the operations and apps/api/schema.graphql', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: `${packageDir}codegen.ts` });
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: packageDir, silent: true }, false);
    expect(outputs.map((output) => output.filename).sort()).toEqual(['src/generated/first-route.ts', 'src/generated/graphql.ts']);
    for (const output of outputs) {
      // A failure here means: run `pnpm codegen` and commit the generated files.
      expect({ file: output.filename, content: output.content }).toEqual({ file: output.filename, content: readFileSync(`${packageDir}${output.filename}`, 'utf8') });
    }
  });
});
