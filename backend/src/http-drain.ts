import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/** Seconds a refused client is told to wait: about the time a restart takes. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The HTTP half of an orderly shutdown. While draining, a request that arrives on a connection
 * still open is refused with 503 and Retry-After (never a 500 from a database being stopped
 * underneath it); requests already running are given time to finish.
 */
export class HttpDrain {
  private readonly active = new Set<Response>();
  private isDraining = false;
  private onIdle: (() => void) | null = null;

  /** Goes first, before the body parsers: a refused upload is not read. */
  readonly middleware = (_req: Request, res: Response, next: NextFunction) => {
    if (this.isDraining) return refuse(res);
    this.active.add(res);
    res.on('close', () => {
      this.active.delete(res);
      if (!this.active.size) this.onIdle?.();
    });
    next();
  };

  get inFlight(): number {
    return this.active.size;
  }

  /**
   * Stops accepting connections, closes idle ones, and waits up to `graceMs` for the requests in
   * flight; any still unanswered then get the 503 too. Resolves when no request is open.
   */
  async drain(server: Server, graceMs: number): Promise<void> {
    this.isDraining = true;
    server.close();
    server.closeIdleConnections();
    // Connections still busy close once their response is sent, instead of waiting for another request.
    for (const res of this.active) if (!res.headersSent) res.setHeader('Connection', 'close');
    if (this.active.size) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.onIdle = () => (clearTimeout(timer), resolve());
      });
    }
    for (const res of this.active) if (!res.headersSent) refuse(res);
    server.closeAllConnections();
  }
}

function refuse(res: Response) {
  res.setHeader('Connection', 'close');
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(503).json({ message: 'the server is restarting; try again in a few seconds' });
}
