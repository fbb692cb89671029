export { default } from '@lena/eslint-config';
