import { RateLimiter } from '../../src/server/rate-limit';

describe('the rate limiter', () => {
  it('when a key uses up its window, then it waits for the next one; other keys are not affected', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, 100, () => now);
    expect([1, 2, 3, 4].map(() => limiter.allow('a'))).toEqual([true, true, true, false]);
    expect(limiter.allow('b')).toBe(true);
    now = 60_000;
    expect(limiter.allow('a')).toBe(true);
  });

  it('when a flood of new keys arrives, then it holds at most its maximum and keeps counting the newest', () => {
    const limiter = new RateLimiter(1, 60_000, 1_000, () => 0);
    for (let index = 0; index < 50_000; index += 1) limiter.allow(`flood-${index}`);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
    expect(limiter.allow('flood-49999')).toBe(false); // the newest window is still counted
  });
});
