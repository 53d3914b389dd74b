'use strict';
/**
 * The one fake OpenAI-compatible chat-completions server: the API tests, the browser journeys
 * (e2e/support/fake-openai.ts) and the benchmarks (bench/fake-server.mjs, in its own process) all
 * use it. Plain CommonJS so each of them can load it as it is (ts-jest, Playwright, bare node);
 * its types are in fake-openai.d.ts. It records every request and the peak number in flight, and
 * answers as `behave` decides (latency, 429, 500, bad bodies, hangs). GET /stats gives the
 * benchmarks its counts from another process.
 */
const { createHash } = require('node:crypto');
const { createServer } = require('node:http');

const DEFAULT_TEXT = '【答案】A';

class FakeOpenAI {
  constructor() {
    this.requests = [];
    this.peakInFlight = 0;
    this.inFlight = 0;
    this.server = null;
    this.behave = () => ({ text: DEFAULT_TEXT });
  }

  get url() {
    return `http://127.0.0.1:${this.server.address().port}/v1`;
  }

  /** Requests received so far. */
  count() {
    return this.requests.length;
  }

  start(port = 0) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => resolve(this)));
  }

  stop() {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** How many distinct request bodies were answered with 200 more than once. */
  repeatedSuccesses() {
    const seen = new Map();
    for (const r of this.requests.filter((x) => x.status === 200))
      seen.set(r.hash, (seen.get(r.hash) ?? 0) + 1);
    return [...seen.values()].filter((n) => n > 1).length;
  }

  async handle(req, res) {
    if (req.method === 'GET' && req.url === '/stats')
      return res.end(JSON.stringify({ peak: this.peakInFlight, count: this.requests.length }));
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      const body = JSON.parse(rawBody);
      const info = {
        n: this.requests.length + 1,
        hash: createHash('sha256').update(rawBody).digest('hex'),
        body,
        rawBody,
        hasImage: rawBody.includes('"image_url"'),
        authorization: req.headers.authorization,
      };
      const entry = { ...info, status: 0 };
      this.requests.push(entry);
      const reply = this.behave(info);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.hang) return; // the connection stays open until the client gives up
      entry.status = reply.status ?? 200;
      res.writeHead(entry.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(
        reply.raw ??
          JSON.stringify(
            entry.status === 200
              ? completion(body.model, reply)
              : { error: { message: `fake error ${entry.status}`, type: 'fake' } },
          ),
      );
    } finally {
      this.inFlight -= 1;
    }
  }
}

function completion(model, reply) {
  const text = reply.text ?? DEFAULT_TEXT;
  const usage = reply.usage ?? {
    prompt_tokens: 100,
    completion_tokens: Math.ceil(text.length / 2),
  };
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text },
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

module.exports = { FakeOpenAI };
