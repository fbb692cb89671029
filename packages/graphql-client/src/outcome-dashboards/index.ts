// The outcome dashboards' typed operations, in a module of their own so that only the lazily
// loaded pages that use them carry their documents (see codegen.ts).
export * from './generated.js';
