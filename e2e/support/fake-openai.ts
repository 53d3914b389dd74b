import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A local OpenAI-compatible endpoint for the browser journeys: answers every question with "A". */
export async function startFakeOpenAI(latencyMs = 80): Promise<{ url: string; count: () => number; stop: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer(async (req, res) => {
    for await (const _chunk of req);
    count += 1;
    await new Promise((r) => setTimeout(r, latencyMs));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'fake',
        object: 'chat.completion',
        created: 0,
        model: 'fake',
        choices: [{ index: 0, message: { role: 'assistant', content: '【解析】略。\n【答案】A' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 200, completion_tokens: 12, total_tokens: 212 },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, count: () => count, stop: () => new Promise((r) => server.close(() => r())) };
}
