/* global fetch */
// The floor under collection's 100 ms case: the same 2000 requests at concurrency 32 through the
// same client code (openai SDK over node:http, dist/models/provider/provider-client.js) against the same
// fake provider, with no database, no queue and no app: only the SDK and HTTP. Run by hand after
// `npm run build`:  node bench/sdk-floor.mjs [latencyMs=100] [requests=2000] [concurrency=32]
// With FLOOR_DATABASE_URL set, each answer is also stored before its slot sends the next request,
// as the runner does, but by the cheapest statement there is: a one-row INSERT into a bare table.
// FLOOR_GROUP_COMMIT=1 stores them as the runner does instead: answers that arrive while one INSERT
// runs wait together for the next single INSERT (the best case for a slot that waits for its store).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const { sendChat } = createRequire(import.meta.url)(
  join(here, '../dist/models/provider/provider-client.js'),
);
const [latency = 100, total = 2000, concurrency = 32] = process.argv.slice(2).map(Number);
const port = 39500;
const server = fork(join(here, 'fake-server.mjs'), [String(port), String(latency)], {
  stdio: 'ignore',
});
await new Promise((r) => server.once('message', r));
const target = {
  baseUrl: `http://127.0.0.1:${port}/v1`,
  modelId: 'bench',
  apiKey: null,
  params: { temperature: 0 },
  timeoutMs: 30000,
};
// A prompt the size of a rendered single-choice question.
const messages = [
  {
    role: 'system',
    content: '你是一名参加考试的学生。请按要求作答，最后用【答案】给出你的答案。'.repeat(2),
  },
  {
    role: 'user',
    content:
      '1. 下列各项中，说法正确的一项是（ ）\nA. 选项一的内容\nB. 选项二的内容\nC. 选项三的内容\nD. 选项四的内容'.repeat(
        3,
      ),
  },
];
const db = process.env.FLOOR_DATABASE_URL
  ? new (createRequire(import.meta.url)('pg').Pool)({
      connectionString: process.env.FLOOR_DATABASE_URL,
      max: 20,
    })
  : null;
await db?.query(
  `CREATE TABLE IF NOT EXISTS bench_floor (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, answer text NOT NULL)`,
);
// Group commit: one statement in flight; what arrives meanwhile goes in the next one.
let waiting = [];
let isWriting = false;
async function drain() {
  isWriting = true;
  while (waiting.length) {
    const batch = waiting;
    waiting = [];
    await db.query({
      name: 'floor-batch',
      text: `INSERT INTO bench_floor (answer) SELECT unnest($1::text[])`,
      values: [batch.map((b) => b.text)],
    });
    batch.forEach((b) => b.done());
  }
  isWriting = false;
}
const store = (text) =>
  process.env.FLOOR_GROUP_COMMIT
    ? new Promise((done) => {
        waiting.push({ text, done });
        if (!isWriting) void drain();
      })
    : db.query({
        name: 'floor-insert',
        text: `INSERT INTO bench_floor (answer) VALUES ($1)`,
        values: [text],
      });
let next = 0;
const cpu0 = process.cpuUsage();
const t0 = Date.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      const r = await sendChat(target, messages);
      if (!r.ok) throw new Error(r.message);
      if (db) await store(r.text);
    }
  }),
);
const wall = (Date.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const stats = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
server.kill();
await db?.query(`DROP TABLE bench_floor`);
await db?.end();
const ideal = (total * latency) / 1000 / concurrency;
console.log(
  `| SDK + HTTP${db ? (process.env.FLOOR_GROUP_COMMIT ? ' + answers INSERTed by group commit' : ' + one-row INSERT per answer') : ' only, no database'} | ${latency} ms | ${stats.count} | ${wall.toFixed(2)} | ${ideal.toFixed(2)} | ${((wall / ideal - 1) * 100).toFixed(1)}% | ${((cpu.user + cpu.system) / 1000 / total).toFixed(2)} | ${stats.peak} |`,
);
