import type { z } from 'zod';
import { DomainError, type FieldProblem } from './domain-error.js';

/**
 * Validates input against one of the domain schemas. Every problem is reported at once, by field,
 * so a form can show each message beside its field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldProblems: FieldProblem[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    message: issue.message,
  }));
  const summary = fieldProblems.map((problem) => problem.message).join(' ');
  throw DomainError.badInput(summary, fieldProblems);
}
