import { ErrorParams, ProblemDetail } from './problem';

export type { ErrorParams, ProblemDetail } from './problem';

/**
 * Errors the domain raises; the global filter maps each to a status and
 * `{ message, code, params, errors?, retryAfterSeconds? }`. `code` defaults to one derived from
 * the status, so every error has one even where no specific code was given yet.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly params: ErrorParams;

  constructor(
    message: string,
    readonly status: number,
    readonly errors?: unknown[],
    code?: string,
    params?: ErrorParams,
    /** Sent as the Retry-After header too (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.code = code ?? codeForStatus(status);
    this.params = params ?? {};
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** The generic code of an HTTP status, for errors that carry no code of their own. */
export function codeForStatus(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/**
 * Where a rejected bundle's problem is: papers' `BundleError` has this shape (and more), named here
 * structurally so that common/ imports no feature.
 */
export interface LocatedProblem extends ProblemDetail {
  file: string;
  line?: number;
  path?: string;
}

export class BundleRejectedError extends DomainError {
  constructor(errors: LocatedProblem[]) {
    const first = errors[0];
    const where = first
      ? `${first.file}${first.line ? `:${first.line}` : ''}${first.path ? ` (${first.path})` : ''}`
      : '';
    super(
      `bundle rejected, nothing was stored: ${errors.length} problem(s); first: ${where} ${first?.message ?? ''}`.trim(),
      422,
      errors,
      'bundle.rejected',
      { count: errors.length, file: first?.file ?? null, line: first?.line ?? null },
    );
  }
}

/** An upload refused before its content was looked at in detail (type, size, encoding, container). */
export class UploadRejectedError extends DomainError {
  constructor(message: string, status = 400, code?: string, params?: ErrorParams) {
    super(message, status, undefined, code, params);
  }
}
