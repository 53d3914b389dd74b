/**
 * A token bucket: `capacity` tokens refilled continuously over a minute. Used for requests per
 * minute (cost 1 per request) and tokens per minute (cost = estimated tokens). The clock is
 * injected so tests run without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perMinute;
    this.last = now();
  }

  /** Milliseconds to wait before `cost` tokens are available; 0 means take them now. */
  delayFor(cost: number): number {
    this.refill();
    const need = Math.min(cost, this.perMinute) - this.tokens;
    return need <= 0 ? 0 : Math.ceil((need / this.perMinute) * 60_000);
  }

  take(cost: number): void {
    this.refill();
    this.tokens -= Math.min(cost, this.perMinute);
  }

  /** Gives back what a request took when its real size turned out smaller (TPM). */
  refund(cost: number): void {
    this.tokens = Math.min(this.perMinute, this.tokens + cost);
  }

  private refill() {
    const t = this.now();
    this.tokens = Math.min(
      this.perMinute,
      this.tokens + ((t - this.last) / 60_000) * this.perMinute,
    );
    this.last = t;
  }
}
