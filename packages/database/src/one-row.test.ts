import { oneRow } from './one-row';

describe('oneRow', () => {
  it('returns the single row', () => {
    expect(oneRow([{ id: 'a' }], 'team')).toEqual({ id: 'a' });
  });

  it('refuses no rows and more than one, naming what was expected', () => {
    expect(() => oneRow([], 'team')).toThrow('Expected one team row, got 0.');
    expect(() => oneRow([{ id: 'a' }, { id: 'b' }], 'team')).toThrow('Expected one team row, got 2.');
  });
});
