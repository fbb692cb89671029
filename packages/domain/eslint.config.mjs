export { domain as default } from '@lena/eslint-config';
