import express from 'express';
import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpDrain } from './http-drain';

/** A GET on a fresh connection: status, Retry-After and body, or the connection error's code. */
const get = (port: number, path: string) =>
  new Promise<{ status?: number; retryAfter?: string; body?: string; error?: string }>(
    (resolve) => {
      const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'], body }),
        );
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code }));
      req.end();
    },
  );

describe('HttpDrain: the HTTP half of an orderly shutdown', () => {
  let server: Server;
  let port: number;
  let drain: HttpDrain;

  beforeEach(async () => {
    drain = new HttpDrain();
    const app = express();
    app.use(drain.middleware);
    app.get('/slow', (_req, res) => void setTimeout(() => res.json({ ok: true }), 300));
    app.get('/hang', () => undefined);
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => server.closeAllConnections());

  it('lets a request in flight finish, then refuses new connections', async () => {
    const slow = get(port, '/slow');
    await new Promise((r) => setTimeout(r, 100));
    const drained = drain.drain(server, 5000);
    expect(await slow).toMatchObject({ status: 200, body: '{"ok":true}' });
    await drained;
    expect(drain.inFlight).toBe(0);
    expect(await get(port, '/slow')).toEqual({ error: 'ECONNREFUSED' });
  });

  it('answers 503 with Retry-After, never a 500, to a request still open when the grace runs out', async () => {
    const hung = get(port, '/hang');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await drain.drain(server, 200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hung).toMatchObject({ status: 503, retryAfter: '5' });
  });
});
