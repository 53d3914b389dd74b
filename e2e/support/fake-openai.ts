import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible endpoint for the browser journeys: answers every question with "A", or
 * with what `reply` makes of the request (the n-th, from 1), e.g. a judge's judgement.
 */
export async function startFakeOpenAI(
  latencyMs = 80,
  reply?: (body: string, n: number) => string,
): Promise<{ url: string; count: () => number; stop: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    count += 1;
    const content = reply ? reply(Buffer.concat(chunks).toString('utf8'), count) : '【解析】略。\n【答案】A';
    await new Promise((r) => setTimeout(r, latencyMs));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'fake',
        object: 'chat.completion',
        created: 0,
        model: 'fake',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 200, completion_tokens: 12, total_tokens: 212 },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, count: () => count, stop: () => new Promise((r) => server.close(() => r())) };
}
