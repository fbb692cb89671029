import shared from '@lena/eslint-config';
import globals from 'globals';

// This package is plain CommonJS JavaScript (checked by tsc through JSDoc) plus the ESM `pnpm dev`
// script in bin/. The shared preset ignores *.mjs; bin/ is linted here all the same.
export default [
  ...shared,
  { ignores: ['!bin/**/*.mjs'] },
  {
    files: ['src/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bin/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
];
