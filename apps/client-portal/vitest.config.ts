import { createVitestConfig } from '@lena/vitest-preset';

export default createVitestConfig();
