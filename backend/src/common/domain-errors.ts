import { BundleError } from '../papers/bundle/bundle.types';

/** Errors the domain raises; the global filter maps each to a status and `{ message, errors? }`. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors?: unknown[],
  ) {
    super(message);
  }
}

export class BundleRejectedError extends DomainError {
  constructor(errors: BundleError[]) {
    const first = errors[0];
    const where = first ? `${first.file}${first.line ? `:${first.line}` : ''}${first.path ? ` (${first.path})` : ''}` : '';
    super(`bundle rejected, nothing was stored: ${errors.length} problem(s); first: ${where} ${first?.message ?? ''}`.trim(), 422, errors);
  }
}

export class UploadRejectedError extends DomainError {
  constructor(message: string, status = 400) {
    super(message, status);
  }
}
