import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { DOMAIN_IMPORTS, PORTAL_IMPORTS, restrictedImports } from './boundaries.js';

export { contextBoundaries } from './boundaries.js';

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'src/test/**'];

/**
 * One lint preset for every package: ESLint's and typescript-eslint's recommended rules with type
 * information (each file is checked with its package's own tsconfig, found by the project service),
 * and no deep cross-package imports. Each package's eslint.config.mjs names the preset that fits it.
 */
export const base = defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'src/gql/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': restrictedImports(),
      // Off: an async function that happens not to await (a fake fetch, a job handler, an interface
      // method) is the clearest way to return a promise; forcing Promise.resolve(...) adds nothing.
      '@typescript-eslint/require-await': 'off',
      // Off for now: with noUncheckedIndexedAccess arriving, `rows[0]!` flips from "unnecessary" to
      // required, and its other finding (`query(...) as T[]` → `query<T[]>(...)`) is the same
      // unchecked cast spelt differently; the repositories replace those casts with row mappers.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests read untyped JSON bodies, SQL rows and log lines and then assert on them: a wrong shape
    // fails the test anyway, so a cast to satisfy these rules would check nothing more.
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
);

/** packages/domain: pure rules, so it imports no framework, database or other Lena package. */
export const domain = defineConfig(base, {
  rules: { 'no-restricted-imports': restrictedImports(DOMAIN_IMPORTS) },
});

/** The React packages (portals, ui, portal-kit, graphql-client): the rules of hooks, and no server code. */
export const portal = defineConfig(base, {
  plugins: { 'react-hooks': reactHooks },
  rules: {
    'react-hooks/rules-of-hooks': 'error',
    'react-hooks/exhaustive-deps': 'error',
    'no-restricted-imports': restrictedImports(...PORTAL_IMPORTS),
  },
});

export default base;
