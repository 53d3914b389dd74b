import { fork } from 'node:child_process';
import OpenAI from 'openai';
const lat = Number(process.argv[2] ?? 100);
const server = fork('bench/fake-server.mjs', ['39555', String(lat)], { stdio: 'ignore' });
await new Promise((r) => server.once('message', r));
const c = new OpenAI({ apiKey: 'x', baseURL: 'http://127.0.0.1:39555/v1', maxRetries: 0 });
let next = 0; const N = 2000;
const t0 = Date.now(); const cpu0 = process.cpuUsage();
await Promise.all(Array.from({ length: 32 }, async () => {
  while (next < N) { next++; const r = await fetch("http://127.0.0.1:39555/v1/chat/completions", {method:"POST", headers:{"content-type":"application/json"}, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '题目 '.repeat(200) }] })}); await r.json(); }
}));
const cpu = process.cpuUsage(cpu0);
console.log('wall', (Date.now() - t0) / 1000, 'ideal', N * lat / 1000 / 32, 'cpu ms/req', (cpu.user + cpu.system) / 1000 / N);
server.kill();
