import { FakeOpenAI } from '../../backend/test/support/fake-openai';

/**
 * A local OpenAI-compatible endpoint for the browser journeys (the backend tests' fake, started
 * here): answers every question with "A", or with what `reply` makes of the request body (the
 * n-th request, from 1), e.g. a judge's judgement.
 */
export async function startFakeOpenAI(
  latencyMs = 80,
  reply?: (body: string, n: number) => string,
): Promise<{ url: string; count: () => number; stop: () => Promise<void> }> {
  const fake = new FakeOpenAI();
  fake.behave = (req) => ({
    text: reply ? reply(req.rawBody, req.n) : '【解析】略。\n【答案】A',
    delayMs: latencyMs,
    usage: { prompt_tokens: 200, completion_tokens: 12 },
  });
  await fake.start();
  return { url: fake.url, count: () => fake.count(), stop: () => fake.stop() };
}
