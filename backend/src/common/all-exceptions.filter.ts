import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { codeForStatus, DomainError, ErrorParams } from './domain-errors';

/**
 * The error body every client sees. `message` is English for people and older clients; `code`
 * and `params` are stable, so a client words the error in the user's language. `errors` lists
 * the problems of a rejected input, each with its own place (file, line, field or cell) and,
 * where given, its own `code` and `params`.
 */
export interface ErrorBody {
  message: string;
  code: string;
  params: ErrorParams;
  errors?: unknown[];
  retryAfterSeconds?: number;
}

/** One error shape for every failure; 5xx are logged, stacks never sent. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    if (res.headersSent) return;
    if (body.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(body.retryAfterSeconds));
    res.status(status).json(body);
  }

  private describe(e: unknown): { status: number; body: ErrorBody } {
    if (e instanceof DomainError) {
      const body: ErrorBody = { message: e.message, code: e.code, params: e.params };
      if (e.errors) body.errors = e.errors;
      if (e.retryAfterSeconds !== undefined) body.retryAfterSeconds = e.retryAfterSeconds;
      return { status: e.status, body };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse();
      const generic = { code: codeForStatus(status), params: {} };
      if (typeof r === 'string') return { status, body: { message: r, ...generic } };
      const msg = (r as { message?: string | string[] }).message;
      // ValidationPipe's list of messages, one per failed constraint.
      if (Array.isArray(msg))
        return {
          status,
          body: { message: 'invalid request', code: 'validation_failed', params: {}, errors: msg },
        };
      return { status, body: { message: msg ?? e.message, ...generic } };
    }
    return { status: 500, body: { message: 'internal error', code: 'internal_error', params: {} } };
  }
}
