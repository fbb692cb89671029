import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** One lint preset for every package: TypeScript's recommended rules, no deep cross-package imports. */
export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'src/gql/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@lena/*/src/*', '../../packages/*', '../../../packages/*'], message: 'Import the package by its name.' }] },
      ],
    },
  },
);
