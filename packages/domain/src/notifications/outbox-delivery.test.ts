import { givesUpAfter, OutboxPolicy } from './outbox-delivery.js';

describe('givesUpAfter', () => {
  it('keeps trying until the last allowed attempt has failed', () => {
    expect(givesUpAfter({ attempts: 1, unrecoverable: false })).toBe(false);
    expect(givesUpAfter({ attempts: OutboxPolicy.maxAttempts - 1, unrecoverable: false })).toBe(false);
    expect(givesUpAfter({ attempts: OutboxPolicy.maxAttempts, unrecoverable: false })).toBe(true);
  });

  it('gives up at once on a message no retry can send', () => {
    expect(givesUpAfter({ attempts: 1, unrecoverable: true })).toBe(true);
  });
});
