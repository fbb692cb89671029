// Shared jest configuration. NestJS 12 ships ESM only and our shared packages are ESM, while jest
// runs CommonJS: every ESM file (ours, and any package under node_modules/.pnpm that says
// "type": "module") is compiled to CommonJS by swc on the way in.
const fs = require('node:fs');
const path = require('node:path');

function esmPackagesUnder(storeDir) {
  const names = new Set();
  if (!fs.existsSync(storeDir)) return names;
  for (const entry of fs.readdirSync(storeDir)) {
    const modules = path.join(storeDir, entry, 'node_modules');
    if (!fs.existsSync(modules)) continue;
    for (const name of fs.readdirSync(modules)) {
      const dirs = name.startsWith('@') ? fs.readdirSync(path.join(modules, name)).map((sub) => `${name}/${sub}`) : [name];
      for (const dir of dirs) {
        try {
          const pkg = JSON.parse(fs.readFileSync(path.join(modules, dir, 'package.json'), 'utf8'));
          if (pkg.type === 'module') names.add(dir);
        } catch {
          // not a package folder
        }
      }
    }
  }
  return names;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** @param {string} rootDir the package using the preset */
function createJestConfig(rootDir, overrides = {}) {
  const repoRoot = path.resolve(__dirname, '../..');
  const esm = [...esmPackagesUnder(path.join(repoRoot, 'node_modules/.pnpm'))];
  const allow = esm.length ? `(?!(${esm.map(escape).join('|')})/)` : '';
  return {
    rootDir,
    testEnvironment: 'node',
    // Most suites talk to real PostgreSQL and Redis. With every package testing at once on two
    // cores, creating and dropping databases can take seconds; jest's 5 s default then failed a
    // passing suite in an afterAll hook. A timeout here only bounds a hang, it never waits.
    testTimeout: 30_000,
    transform: {
      '^.+\\.(t|j|mj)sx?$': [
        require.resolve('@swc/jest'),
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true, tsx: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    transformIgnorePatterns: [allow ? `/node_modules/\\.pnpm/[^/]+/node_modules/${allow}` : '/node_modules/'],
    moduleNameMapper: {
      '^@lena/domain$': path.join(repoRoot, 'packages/domain/src/index.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
    ...overrides,
  };
}

module.exports = { createJestConfig };
