export { portal as default } from '@lena/eslint-config';
