import { portal } from '@lena/eslint-config';
import { defineConfig } from 'eslint/config';

// The generated documents are rewritten by `pnpm codegen`; lint what people write.
export default defineConfig(portal, { ignores: ['src/generated/**'] });
