import { createLenaApolloClient } from '@lena/graphql-client';

/** What the fake API answers to one operation: data, or errors as the real API words them. */
export type Answer = { data: unknown } | { errors: unknown[] };

export interface AskedOperation {
  operationName: string;
  variables: Record<string, unknown> & { input?: Record<string, unknown> };
}

/**
 * An Apollo client whose API answers each operation from its own list (the last answer repeats;
 * an operation with no list is NOT_FOUND) and records what was asked, in order.
 */
export function fakeApi(answers: Record<string, Answer[]>) {
  const requests: AskedOperation[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const request = JSON.parse(String(init?.body)) as AskedOperation;
    requests.push({ operationName: request.operationName, variables: request.variables });
    const queue = answers[request.operationName] ?? [];
    const body = (queue.length > 1 ? queue.shift() : queue[0]) ?? { errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
  return {
    client: createLenaApolloClient({ uri: 'http://api.test/graphql', fetch }),
    requests,
    named: (name: string) => requests.filter((request) => request.operationName === name),
  };
}
