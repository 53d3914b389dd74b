// The tests' fake OpenAI-compatible server (test/support/fake-openai.js) with fixed latency, in its
// own process so the benchmark's CPU figures are the app's alone; GET /stats gives its peak in
// flight and count. Usage: node fake-server.mjs <port> <latencyMs> [reply text]
import { createRequire } from 'node:module';

const { FakeOpenAI } = createRequire(import.meta.url)('../test/support/fake-openai.js');
const [port, latency] = process.argv.slice(2, 4).map(Number);
// The judging benchmark has it reply with a judgement instead of an answer.
const text = process.argv[4] ?? '【答案】A';
const fake = new FakeOpenAI();
fake.behave = () => ({
  text,
  delayMs: latency,
  usage: { prompt_tokens: 120, completion_tokens: 8 },
});
await fake.start(port);
process.send?.('ready');
