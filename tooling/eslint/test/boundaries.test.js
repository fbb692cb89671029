// Each boundary is proved by an attack: a small file that crosses it, linted with the real
// eslint.config.mjs of the package it would live in, must be refused by the rule that guards it;
// and the imports the architecture allows must pass. The files are linted as text at paths inside
// each package (they are never written there). Type information is switched off for these runs:
// the boundary rules read import paths only, and a file that is not on disk has no type program.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { contextBoundaries } from '../index.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const linters = new Map();

/** The messages of `ruleId` (or of every rule) for `code` linted as `file` in package `pkg`. */
async function lint(pkg, file, code, ruleId) {
  const cwd = path.join(repo, pkg);
  if (!linters.has(cwd)) linters.set(cwd, new ESLint({ cwd, overrideConfig: [tseslint.configs.disableTypeChecked] }));
  const [result] = await linters.get(cwd).lintText(code, { filePath: path.join(cwd, file) });
  return result.messages.filter((message) => ruleId === undefined || message.ruleId === ruleId);
}

/** A module that imports `specifier` and uses it, so no other rule has anything to say. */
const importing = (specifier) => `import * as imported from '${specifier}';\nexport const used = imported;\n`;

async function assertRefused(pkg, file, code, ruleId, because) {
  const messages = await lint(pkg, file, code, ruleId);
  assert.equal(messages.length, 1, `${pkg}/${file} should be refused by ${ruleId}:\n${code}`);
  if (because) assert.match(messages[0].message, because);
}

async function assertAllowed(pkg, file, code) {
  const messages = await lint(pkg, file, code);
  assert.deepEqual(
    messages.map((message) => `${message.ruleId}: ${message.message}`),
    [],
    `${pkg}/${file} should pass:\n${code}`,
  );
}

describe('packages/domain imports no framework, database or other Lena package', () => {
  for (const specifier of ['@nestjs/common', 'typeorm', 'pg', 'ioredis', 'bullmq', 'react', 'fastify', '@lena/database', '@lena/jobs', '@lena/graphql-client', 'date-fns']) {
    test(`refuses ${specifier}`, () => assertRefused('packages/domain', 'src/probe.ts', importing(specifier), 'no-restricted-imports', /pure rules/));
  }

  test('refuses a type-only import too', () =>
    assertRefused('packages/domain', 'src/probe.ts', "import type { Repository } from 'typeorm';\nexport type Rows = Repository<object>;\n", 'no-restricted-imports'));

  test('allows zod, luxon, rrule, zxcvbn, stdlib distributions, node: built-ins and its own files', () =>
    assertAllowed(
      'packages/domain',
      'src/probe.ts',
      ['zod', 'luxon', 'rrule', '@zxcvbn-ts/language-common', '@stdlib/stats-base-dists-t-quantile', 'node:fs', './identity/identity-schemas.js']
        .map((specifier, index) => `import * as imported${index} from '${specifier}';\nexport const used${index} = imported${index};\n`)
        .join(''),
    ));
});

const PORTAL_PACKAGES = {
  'apps/client-portal': 'src/probe.tsx',
  'apps/facilitator-portal': 'src/probe.tsx',
  'packages/ui': 'src/probe.tsx',
  'packages/portal-kit': 'src/probe.tsx',
  'packages/graphql-client': 'src/react/probe.tsx',
};

describe('the portals and their packages import no API, worker or database code', () => {
  for (const [pkg, file] of Object.entries(PORTAL_PACKAGES)) {
    for (const specifier of ['@lena/api', '@lena/worker', '@lena/database', '@lena/jobs/catalogue', 'typeorm', 'pg', '@nestjs/common']) {
      test(`${pkg} refuses ${specifier}`, () => assertRefused(pkg, file, importing(specifier), 'no-restricted-imports', /run in the browser/));
    }
    test(`${pkg} keeps the list of common passwords out of its bundle`, () =>
      assertRefused(pkg, file, importing('@lena/domain/common-passwords'), 'no-restricted-imports', /common passwords/));
    test(`${pkg} may use @lena/domain`, () => assertAllowed(pkg, file, importing('@lena/domain')));
  }
});

describe('the rules of hooks in the React packages', () => {
  for (const [pkg, file] of Object.entries(PORTAL_PACKAGES)) {
    test(`${pkg} refuses a hook called conditionally`, () =>
      assertRefused(
        pkg,
        file,
        "import { useState } from 'react';\nexport function Probe({ open }: { open: boolean }) {\n  if (open) {\n    const [value] = useState(0);\n    return value;\n  }\n  return null;\n}\n",
        'react-hooks/rules-of-hooks',
      ));
    test(`${pkg} refuses an effect that leaves out what it reads`, () =>
      assertRefused(
        pkg,
        file,
        "import { useEffect } from 'react';\nexport function Probe({ name }: { name: string }) {\n  useEffect(() => {\n    document.title = name;\n  }, []);\n  return null;\n}\n",
        'react-hooks/exhaustive-deps',
      ));
  }
});

describe('apps/api: contexts talk through their modules’ exports', () => {
  const api = (file, specifier) => lint('apps/api', file, importing(specifier), 'import-x/no-restricted-paths');
  const refused = async (file, specifier, because) => {
    const messages = await api(file, specifier);
    assert.equal(messages.length, 1, `${file} importing ${specifier} should be refused`);
    assert.match(messages[0].message, because);
  };

  test('common/ imports no context', () => refused('src/common/probe.ts', '../tenancy/tenancy.module', /common\/ is shared plumbing/));
  test('config/ imports no context', () => refused('src/config/probe.ts', '../sessions/session.service', /config\/ is shared plumbing/));
  test('a context does not use one that comes before it in the module direction', () =>
    refused('src/sessions/probe.ts', '../auth/auth.service', /sessions\/ may use only audit, notifications/));
  test('tenancy does not use invitations', () => refused('src/tenancy/probe.ts', '../invitations/invitations.module', /tenancy\/ may use only/));
  test('notifications uses only audit', () => refused('src/notifications/probe.ts', '../sessions/session.service', /notifications\/ may use only audit/));
  test('a context does not reach into another’s internals', () => refused('src/auth/probe.ts', '../tenancy/tenancy.loaders', /only its \*\.module\.ts/));
  test('nor into its resolvers', () => refused('src/invitations/probe.ts', '../tenancy/team.resolver', /only its \*\.module\.ts/));
  test('a file deeper in a context is held to the same', () =>
    refused('src/notifications/emails/probe.tsx', '../../sessions/session.service', /notifications\/ may use only audit/));
  test('a new folder uses only shared plumbing until it is named', () => refused('src/reports/probe.ts', '../tenancy/team.service', /named in contextBoundaries\(\)/));

  test('a re-export and a dynamic import are imports too', async () => {
    const reexport = await lint('apps/api', 'src/sessions/probe.ts', "export * from '../auth/account.service';\n", 'import-x/no-restricted-paths');
    assert.equal(reexport.length, 1);
    const dynamic = await lint('apps/api', 'src/tenancy/probe.ts', "export const load = () => import('../auth/account.service');\n", 'import-x/no-restricted-paths');
    assert.equal(dynamic.length, 1);
  });

  test('allows a used context’s module, services, repositories and dtos, and shared plumbing', () =>
    assertAllowed(
      'apps/api',
      'src/invitations/probe.ts',
      [
        '../auth/auth.module',
        '../auth/auth.service',
        '../facilitators/facilitator.service',
        '../tenancy/team.service',
        '../tenancy/team.repository',
        '../auth/dtos/viewer.type',
        '../audit/audit.service',
        '../common/request-context',
        '../config/app-config',
        './invitation.service',
      ]
        .map((specifier, index) => `import * as imported${index} from '${specifier}';\nexport const used${index} = imported${index};\n`)
        .join(''),
    ));
  test('the files at the root of src/ compose everything', () => assertAllowed('apps/api', 'src/probe.ts', importing('./tenancy/tenancy.loaders')));
});

describe('apps/worker: contexts talk through their modules’ exports', () => {
  test('the job runner imports no context', async () => {
    const messages = await lint('apps/worker', 'src/jobs/probe.ts', importing('../notifications/services/outbox-delivery.service'), 'import-x/no-restricted-paths');
    assert.equal(messages.length, 1);
    assert.match(messages[0].message, /jobs\/ is shared plumbing/);
  });
  test('notifications does not use maintenance', async () => {
    const messages = await lint('apps/worker', 'src/notifications/probe.ts', importing('../maintenance/maintenance.module'), 'import-x/no-restricted-paths');
    assert.equal(messages.length, 1);
  });
  test('maintenance uses notifications only through its module, services and repositories, not its jobs', async () => {
    const messages = await lint('apps/worker', 'src/maintenance/probe.ts', importing('../notifications/deliver-outbox-message.job'), 'import-x/no-restricted-paths');
    assert.equal(messages.length, 1);
    await assertAllowed('apps/worker', 'src/maintenance/probe.ts', importing('../notifications/outbox.repository'));
  });
  test('a context uses the job runner, configuration and database', () =>
    assertAllowed(
      'apps/worker',
      'src/notifications/probe.ts',
      ['../jobs/job-handler.decorator', '../config/worker-config', '../database/database.module']
        .map((specifier, index) => `import * as imported${index} from '${specifier}';\nexport const used${index} = imported${index};\n`)
        .join(''),
    ));
});

describe('services hold no SQL: it lives in the repositories', () => {
  const service = (body) =>
    `export class ProbeService {\n  run(uow: { query(sql: string): unknown; manager(): unknown; createQueryBuilder(): unknown }) {\n    return ${body};\n  }\n}\n`;
  for (const [pkg, file] of [
    ['apps/api', 'src/tenancy/probe.service.ts'],
    ['apps/worker', 'src/notifications/services/probe.service.ts'],
  ]) {
    for (const call of ["uow.query('SELECT 1')", 'uow.manager()', 'uow.createQueryBuilder()']) {
      test(`${pkg} refuses ${call} in a service`, () => assertRefused(pkg, file, service(call), 'no-restricted-syntax', /Services hold no SQL/));
    }
  }
  test('a repository may', () => assertAllowed('apps/api', 'src/tenancy/probe.repository.ts', service("uow.query('SELECT 1')")));
});

describe('contextBoundaries() lets a context use another’s repositories, and nothing else inside it', () => {
  // The repositories arrive beside the services (`<context>/<aggregate>.repository.ts`); an import
  // that does not resolve to a file is not checked, so this app is written to disk.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lena-boundaries-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const file of ['src/tenancy/team.repository.ts', 'src/tenancy/team-row.ts', 'src/tenancy/reports/member-count.repository.ts', 'src/auth/auth.service.ts']) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), 'export const x = 1;\n');
  }
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...contextBoundaries({ root, shared: ['common'], uses: { auth: ['tenancy'], tenancy: [] } }),
    ],
  });
  const messages = async (file, specifier) => (await eslint.lintText(importing(specifier), { filePath: path.join(root, file) }))[0].messages;

  test('a repository of a used context', async () => {
    assert.deepEqual(await messages('src/auth/probe.ts', '../tenancy/team.repository'), []);
    assert.deepEqual(await messages('src/auth/probe.ts', '../tenancy/reports/member-count.repository'), []);
  });
  test('not its row types or other files', async () => {
    assert.equal((await messages('src/auth/probe.ts', '../tenancy/team-row')).length, 1);
  });
  test('not a context it does not use', async () => {
    assert.equal((await messages('src/tenancy/probe.ts', '../auth/auth.service')).length, 1);
  });
});
