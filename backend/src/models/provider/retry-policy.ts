/** What to do after a failed request: retry after a delay, or give up with the provider's message. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export interface FailureInfo {
  /** HTTP status, or null for a timeout or connection error. */
  status: number | null;
  /** Seconds from a Retry-After header, when the provider sent one. */
  retryAfterSeconds: number | null;
}

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 429, 5xx, 408 and network failures are transient; other 4xx (400 bad request, 401 key) are not. */
export function isTransient(status: number | null): boolean {
  return status === null || status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Exponential backoff with full jitter, honouring Retry-After on 429.
 * `attempt` is the number of attempts already made (1 after the first failure).
 */
export function decideRetry(
  failure: FailureInfo,
  attempt: number,
  opts: RetryOptions,
  random: () => number = Math.random,
): RetryDecision {
  if (!isTransient(failure.status) || attempt >= opts.maxAttempts) return { retry: false };
  if (failure.status === 429 && failure.retryAfterSeconds !== null) {
    return {
      retry: true,
      delayMs: Math.min(opts.maxDelayMs, Math.max(0, failure.retryAfterSeconds * 1000)),
    };
  }
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.round(random() * ceiling) };
}
