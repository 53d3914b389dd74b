import http from 'node:http';
import https from 'node:https';

/**
 * A small `fetch` for the openai SDK over node:http with keep-alive agents. Node's built-in fetch
 * (undici) costs about 2.3 ms of CPU per request on our 2-core machines against 0.8 ms for
 * node:http; at hundreds of requests per second that CPU is the collection's bottleneck
 * (docs/benchmarks.md). Only what the SDK uses is supported: a buffered body, headers, abort.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: Infinity }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: Infinity }),
};

// Statuses that the Response constructor refuses a body for.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function nodeFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const mod = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => (headers[k] = v));
  const body = init.body;
  if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))
    return Promise.reject(new TypeError('nodeFetch sends string or byte bodies only'));
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: init.method ?? 'GET',
        headers,
        agent: agents[url.protocol as 'http:' | 'https:'],
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) v.forEach((x) => out.append(k, x));
            else if (v !== undefined) out.set(k, v);
          }
          const status = res.statusCode ?? 500;
          resolve(
            new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage,
              headers: out,
            }),
          );
        });
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
