import path from 'node:path';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// Import boundaries (ARCHITECTURE.md, "Boundaries in lint"). Between packages a boundary is about
// module names, so ESLint's own no-restricted-imports says it; between the context folders of an
// app it is about where a file lives, so import-x resolves each import to its file first.

/** Every package: another package is imported by its name, never through its source folder. */
const BY_PACKAGE_NAME = {
  group: ['@lena/*/src/*', '../../packages/*', '../../../packages/*'],
  message: 'Import the package by its name.',
};

/** packages/domain imports only these (and its own files): pure libraries and Node's built-ins. */
export const DOMAIN_IMPORTS = {
  regex: '^(?!(?:zod|luxon|rrule|@zxcvbn-ts/[^/]+|@stdlib/stats-base-dists-[^/]+)(?:/.*)?$|node:|\\.{1,2}/)',
  message:
    'packages/domain holds pure rules: it imports only zod, luxon, rrule, @zxcvbn-ts, stdlib’s statistical distributions and node: built-ins, never a framework, a database or another Lena package. A pure library may join the list in tooling/eslint/boundaries.js.',
};

const SERVER_ONLY = [
  '@lena/api',
  '@lena/worker',
  '@lena/database',
  '@lena/jobs',
  '@lena/logging',
  'typeorm',
  'pg',
  'ioredis',
  'bullmq',
  'fastify',
  'mercurius',
  'argon2',
  '@nestjs/*',
  '@fastify/*',
];

/** The portals and their packages run in the browser: no API, worker or database code. */
export const PORTAL_IMPORTS = [
  {
    group: SERVER_ONLY.flatMap((name) => [name, `${name}/*`]),
    message: 'The portals and their packages run in the browser: they import no API, worker or database code. Ask the API over GraphQL.',
  },
  {
    group: ['@lena/domain/common-passwords'],
    message: 'The list of common passwords is checked by the API and kept out of the portals’ bundles.',
  },
];

/** Options for no-restricted-imports: the rule for every package plus the given patterns. */
export function restrictedImports(...patterns) {
  return ['error', { patterns: [BY_PACKAGE_NAME, ...patterns] }];
}

/**
 * Services orchestrate and call domain rules; the SQL and its row mapping live in the context's
 * repositories (`<context>/<aggregate>.repository.ts`). So a service calls no `.query()`, opens no
 * entity manager and builds no query.
 */
export const SERVICES_HOLD_NO_SQL = {
  name: 'lena/services-hold-no-sql',
  files: ['src/**/*.service.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      ...['query', 'manager', 'createQueryBuilder'].map((method) => ({
        selector: `CallExpression[callee.property.name='${method}']`,
        message: `Services hold no SQL: .${method}() belongs in the context's repository (<context>/<aggregate>.repository.ts, ARCHITECTURE.md).`,
      })),
    ],
  },
};

/**
 * The context folders of an app (apps/api/src, apps/worker/src) talk through their modules' exports.
 *
 * - `shared` folders (plumbing such as common/ and config/) import no context.
 * - A file in context A imports, from another context B, only B's public surface: its
 *   `*.module.ts`, `*.service.ts` and `*.repository.ts` files (the providers a module exports) and
 *   its `dtos/`; and only if B is in `uses[A]`, the one-way module direction of ARCHITECTURE.md.
 *   A folder that is neither shared nor in `uses` imports only shared folders (add a new context to
 *   `uses` with the contexts it may use).
 * - Files at the root of src/ (the app module, bootstrap, main, print-schema) compose everything.
 *
 * @param {{ root: string, shared: string[], uses: Record<string, string[]> }} app
 *   `root` is the app's folder (the directory of its eslint.config.mjs).
 */
export function contextBoundaries({ root, shared, uses }) {
  const src = path.join(root, 'src');
  const folder = (name) => path.join(src, name, '**');
  const publicSurface = (context) => [
    path.join(src, context, '*.module.ts'),
    path.join(src, context, '**', '*.service.ts'),
    path.join(src, context, '**', '*.repository.ts'),
    path.join(src, context, 'dtos', '**'),
  ];
  const allFolders = path.join(src, '**');
  const zones = [
    ...shared.map((name) => ({
      target: folder(name),
      from: allFolders,
      except: shared.map(folder),
      message: `${name}/ is shared plumbing: it imports no context (ARCHITECTURE.md).`,
    })),
    ...Object.entries(uses).map(([context, used]) => ({
      target: folder(context),
      from: allFolders,
      except: [folder(context), ...shared.map(folder), ...used.flatMap(publicSurface)],
      message:
        used.length === 0
          ? `${context}/ uses no other context.`
          : `${context}/ may use only ${used.join(', ')}, and of each only its *.module.ts, *.service.ts, *.repository.ts and dtos/ (ARCHITECTURE.md).`,
    })),
  ];
  const known = [...shared, ...Object.keys(uses)];
  zones.push({
    target: path.join(src, `!(${known.join('|')})`, '**', '*'),
    from: allFolders,
    except: [path.join(src, `!(${known.join('|')})`, '**'), ...shared.map(folder)],
    message: `A new folder in src/ imports only shared plumbing until it is named in contextBoundaries() in eslint.config.mjs with the contexts it uses.`,
  });
  const boundaries = {
    name: 'lena/context-boundaries',
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  };
  return [boundaries, SERVICES_HOLD_NO_SQL];
}
