import { format } from 'node:util';
import { configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default; a full parallel `pnpm test` on two cores can take
// longer to render a route. They still resolve as soon as the element appears.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no CSS.escape; React Aria's popovers call it (every browser has it).
globalThis.CSS ??= {};
globalThis.CSS.escape ??= (value) => String(value).replace(/[^\w-]/g, (character) => `\\${character}`);

// A fake API answer missing a field its operation selects is unfaithful: the real API returns every
// field, and Apollo's cache may drop or refetch what is missing. @apollo/client (4.x) reports it in
// development through its invariant logger, which calls `console.error` with "Missing field '%s'
// while writing result %o" (cache/inmemory/writeToStore.js, error 125). Thrown from there it would
// land inside Apollo's own promise chain, so collect it and fail the test that was running instead.
const missingFields = [];
const originalConsoleError = console.error;
console.error = function consoleErrorFailingOnMissingFields(...args) {
  const message = format(...args);
  if (/^Missing field '[^']+' while writing result/.test(message)) missingFields.push(message);
  return originalConsoleError.apply(this, args);
};

afterEach((context) => {
  if (missingFields.length === 0) return;
  const messages = missingFields.splice(0);
  throw new Error(
    `"${context.task.name}": a fake API answer lacks fields its operation selects ` +
      `(Apollo: ${messages.length} × Missing field). Complete the fake.\n\n${messages.join('\n\n')}`,
  );
});
