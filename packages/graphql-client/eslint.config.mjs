import base from '@lena/eslint-config';

// The generated documents are rewritten by `pnpm codegen`; lint what people write.
export default [...base, { ignores: ['src/generated/**'] }];
