import { fork } from 'node:child_process';
import http from 'node:http';
import { request as ureq, Agent } from 'undici';
const lat = Number(process.argv[2] ?? 100); const mode = process.argv[3];
const server = fork('bench/fake-server.mjs', ['39556', String(lat)], { stdio: 'ignore' });
await new Promise((r) => server.once('message', r));
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(body) { return new Promise((res, rej) => { const r = http.request({ host: '127.0.0.1', port: 39556, path: '/v1/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (resp) => { let d=''; resp.setEncoding('utf8'); resp.on('data', (c) => d += c); resp.on('end', () => res(JSON.parse(d))); }); r.on('error', rej); r.end(body); }); }
async function upost(body) { const r = await ureq('http://127.0.0.1:39556/v1/chat/completions', { method: 'POST', body, headers: { 'content-type': 'application/json' } }); return r.body.json(); }
let next = 0; const N = 2000;
const t0 = Date.now(); const cpu0 = process.cpuUsage();
await Promise.all(Array.from({ length: 32 }, async () => {
  while (next < N) { next++; const b = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '题目 '.repeat(200) }] }); await (mode === 'undici' ? upost(b) : post(b)); }
}));
const cpu = process.cpuUsage(cpu0);
console.log(mode, 'wall', (Date.now() - t0) / 1000, 'ideal', N * lat / 1000 / 32, 'cpu ms/req', (cpu.user + cpu.system) / 1000 / N);
server.kill(); process.exit(0);
