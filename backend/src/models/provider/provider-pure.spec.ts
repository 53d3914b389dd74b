import { TokenBucket } from './rate-limit';
import { decideRetry, isTransient } from './retry-policy';

describe('TokenBucket', () => {
  it('lets a full minute of requests through, then spaces them at the refill rate', () => {
    let t = 0;
    const b = new TokenBucket(60, () => t);
    for (let i = 0; i < 60; i++) {
      expect(b.delayFor(1)).toBe(0);
      b.take(1);
    }
    expect(b.delayFor(1)).toBe(1000);
    t += 1000;
    expect(b.delayFor(1)).toBe(0);
  });

  it('never asks for more than a minute of tokens, and refunds', () => {
    const t = 0;
    const b = new TokenBucket(1000, () => t);
    b.take(5000);
    expect(b.delayFor(500)).toBe(30_000);
    b.refund(500);
    expect(b.delayFor(500)).toBe(0);
  });
});

describe('decideRetry', () => {
  const opts = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
  it.each([
    [429, null, 1, 0.5, { retry: true, delayMs: 250 }],
    [429, 7, 1, 0.5, { retry: true, delayMs: 7000 }],
    [503, null, 3, 1, { retry: true, delayMs: 2000 }],
    [null, null, 2, 1, { retry: true, delayMs: 1000 }],
    [500, null, 5, 1, { retry: false }],
    [400, null, 1, 1, { retry: false }],
    [401, null, 1, 1, { retry: false }],
    [429, 600, 1, 1, { retry: true, delayMs: 30_000 }],
  ])('status %p retry-after %p after attempt %p', (status, retryAfter, attempt, rnd, want) => {
    expect(
      decideRetry({ status, retryAfterSeconds: retryAfter }, attempt, opts, () => rnd),
    ).toEqual(want);
  });

  it('treats 400 and 401 as permanent and 408/429/5xx/network as transient', () => {
    expect([400, 401, 403, 404, 422].map(isTransient)).toEqual([false, false, false, false, false]);
    expect([null, 408, 429, 500, 502, 503].map(isTransient)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
