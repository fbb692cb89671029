import type { GqlResult, GraphQLErrorShape } from './test-client';

/** The single error of a result, after checking its code (and message when given). */
export function expectError(result: GqlResult<unknown>, code: string, message?: string | RegExp): GraphQLErrorShape {
  expect({ body: result.body, codes: result.errors?.map((error) => error.extensions?.code) }).toEqual({ body: result.body, codes: [code] });
  const error = must(result.errors?.[0], 'an error');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

/**
 * A value the assertions before it have shown is there (an element, a match, a row): the test
 * fails here, saying what was missing, if it is not.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`Expected ${what}, found ${String(value)}.`);
  return value;
}

/** A successful result's data. */
export function expectData<T>(result: GqlResult<T>): T {
  expect({ body: result.body, errors: result.errors }).toEqual({ body: result.body, errors: undefined });
  expect(result.data).not.toBeNull();
  return result.data as T;
}

/** The field a BAD_USER_INPUT error blames, with a message fit to show a person. */
export function fieldProblem(error: GraphQLErrorShape, field: string): string {
  const problems = error.extensions?.fieldProblems ?? [];
  const problem = problems.find((candidate) => candidate.field === field);
  expect({ fields: problems.map((candidate) => candidate.field), field }).toEqual({ fields: expect.arrayContaining([field]), field });
  expect(problem!.message).toMatch(/^[A-Z].{5,}\.$/);
  return problem!.message;
}

/** Nothing in an error response may reveal how the server is built. */
export function expectNoInternals(body: string): void {
  expect(body).not.toMatch(/\bat [\w.<>]+ \(|\.(ts|js):\d+|node_modules|stack/i);
  expect(body).not.toMatch(/\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|QueryFailedError|violates|relation "|syntax error at|pg_|typeorm/i);
}
