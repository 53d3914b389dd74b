import { costOf, estimateTokens, requestHash } from './request-hash';

describe('requestHash, costOf, estimateTokens', () => {
  const base = {
    baseUrl: 'http://x/v1',
    modelId: 'm',
    params: { temperature: 0, max_tokens: 100 },
    messages: [{ role: 'user', content: 'hi' }],
    sampleIndex: 0,
  };
  it('is stable under key order and changes with sample, params or messages', () => {
    const h = requestHash(base);
    expect(requestHash({ ...base, params: { max_tokens: 100, temperature: 0 } })).toBe(h);
    expect(requestHash({ ...base, sampleIndex: 1 })).not.toBe(h);
    expect(requestHash({ ...base, params: { temperature: 0.7, max_tokens: 100 } })).not.toBe(h);
    expect(requestHash({ ...base, messages: [{ role: 'user', content: 'hi!' }] })).not.toBe(h);
  });

  it('prices per million tokens and keeps unknown as null, never 0', () => {
    expect(costOf(1_000_000, 500_000, 2, 8)).toBe(6);
    expect(costOf(1000, 1000, null, 8)).toBeNull();
    expect(costOf(null, 1000, 2, 8)).toBeNull();
  });

  it('estimates images at a flat rate', () => {
    expect(
      estimateTokens(
        [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,' + 'A'.repeat(100000) } }],
        0,
      ),
    ).toBeLessThan(1000);
  });
});
