import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default; a full parallel `pnpm test` on two cores can take
// longer to render a route. They still resolve as soon as the element appears.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no CSS.escape; React Aria's popovers call it (every browser has it).
globalThis.CSS ??= {};
globalThis.CSS.escape ??= (value) => String(value).replace(/[^\w-]/g, (character) => `\\${character}`);
