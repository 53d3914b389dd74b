// A minimal OpenAI-compatible server with fixed latency, in its own process so the benchmark's
// CPU figures are the app's alone. Usage: node fake-server.mjs <port> <latencyMs> [reply text]
import { createServer } from 'node:http';

const [port, latency] = process.argv.slice(2, 4).map(Number);
// The judging benchmark has it reply with a judgement instead of an answer.
const content = process.argv[4] ?? '【答案】A';
let inFlight = 0;
let peak = 0;
let count = 0;
const server = createServer(async (req, res) => {
  if (req.url === '/stats') return res.end(JSON.stringify({ peak, count }));
  for await (const _ of req);
  inFlight += 1;
  peak = Math.max(peak, inFlight);
  count += 1;
  await new Promise((r) => setTimeout(r, latency));
  inFlight -= 1;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'x',
      object: 'chat.completion',
      created: 0,
      model: 'bench',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 },
    }),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
