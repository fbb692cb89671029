import { z } from 'zod';
import { DomainError, ErrorCode } from './domain-error.js';
import { parseInput } from './parse-input.js';

const schema = z.object({
  name: z.string().trim().min(1, { error: 'Enter a name.' }),
  address: z.object({ postcode: z.string().max(8, { error: 'Postcodes are at most 8 characters.' }) }),
  size: z.number().int().default(5),
});

function thrownBy(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError to be thrown.');
}

describe('parseInput', () => {
  it('returns the parsed output, with transforms and defaults applied', () => {
    expect(parseInput(schema, { name: '  Pat ', address: { postcode: 'LS1 4AP' } })).toEqual({ name: 'Pat', address: { postcode: 'LS1 4AP' }, size: 5 });
  });

  it('throws BAD_USER_INPUT naming every field, nested ones by dotted path', () => {
    const error = thrownBy(() => parseInput(schema, { name: ' ', address: { postcode: 'TOO LONG POSTCODE' } }));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.fieldProblems).toEqual([
      { field: 'name', message: 'Enter a name.' },
      { field: 'address.postcode', message: 'Postcodes are at most 8 characters.' },
    ]);
    expect(error.message).toBe('Enter a name. Postcodes are at most 8 characters.');
  });

  it('blames the whole input when a bare value is wrong', () => {
    const error = thrownBy(() => parseInput(z.string().min(3, { error: 'Too short.' }), 'ab'));
    expect(error.fieldProblems).toEqual([{ field: 'input', message: 'Too short.' }]);
  });

  it('treats a missing object as bad input, not a crash', () => {
    const error = thrownBy(() => parseInput(schema, undefined));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.fieldProblems).toHaveLength(1);
  });
});

describe('DomainError', () => {
  it('builds each kind with a message fit to show a person', () => {
    expect(DomainError.notFound('That team')).toMatchObject({ code: 'NOT_FOUND', message: 'That team was not found.', fieldProblems: [] });
    expect(DomainError.forbidden()).toMatchObject({ code: 'FORBIDDEN', message: 'You do not have permission to do that.' });
    expect(DomainError.unauthenticated()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Please sign in to continue.' });
    expect(DomainError.conflict('Taken.')).toMatchObject({ code: 'CONFLICT', message: 'Taken.', existing: undefined });
    expect(DomainError.conflict('Already invited.', { type: 'invitation', id: 'i1' }).existing).toEqual({ type: 'invitation', id: 'i1' });
    expect(DomainError.badInput('Fix it.', [{ field: 'name', message: 'Fix it.' }]).fieldProblems).toEqual([{ field: 'name', message: 'Fix it.' }]);
    const limited = new DomainError(ErrorCode.RATE_LIMITED, 'Wait.', [], 60);
    expect(limited.retryAfterSeconds).toBe(60);
    expect(limited).toBeInstanceOf(Error);
    expect(limited.name).toBe('DomainError');
  });

  it('has one code per kind the portals switch on', () => {
    expect(Object.values(ErrorCode).sort()).toEqual(['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'INTERNAL_SERVER_ERROR', 'NOT_FOUND', 'RATE_LIMITED', 'UNAUTHENTICATED']);
  });
});
