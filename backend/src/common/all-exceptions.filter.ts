import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-errors';

/** One error shape for every failure: `{ message, errors? }`; 5xx are logged, stacks never sent. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    if (!res.headersSent) res.status(status).json(body);
  }

  private describe(e: unknown): { status: number; body: { message: string; errors?: unknown[] } } {
    if (e instanceof DomainError) return { status: e.status, body: { message: e.message, ...(e.errors ? { errors: e.errors } : {}) } };
    if (e instanceof HttpException) {
      const r = e.getResponse();
      if (typeof r === 'string') return { status: e.getStatus(), body: { message: r } };
      const msg = (r as { message?: string | string[] }).message;
      if (Array.isArray(msg)) return { status: e.getStatus(), body: { message: 'invalid request', errors: msg } };
      return { status: e.getStatus(), body: { message: msg ?? e.message } };
    }
    return { status: 500, body: { message: 'internal error' } };
  }
}
