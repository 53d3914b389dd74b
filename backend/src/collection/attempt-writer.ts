/**
 * Group commit for attempts. A slot sends its next request only once its last answer is stored
 * (so a crash repeats at most the requests then in flight), which puts this write on every slot's
 * path. Writes never queue one behind another: while one batch is being stored, the answers that
 * arrive wait together and go in the next single statement. Under load that is one commit for
 * several answers instead of one each; when idle, an answer is written the moment it arrives.
 */
export class AttemptWriter<T extends { hash: string | null }> {
  private pending: { entry: T; done: (e?: unknown) => void }[] = [];
  private isWriting = false;

  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly maxBatch = 256,
  ) {}

  /** Resolves once the entry is stored; rejects with the statement's error if its batch failed. */
  record(entry: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (!this.isWriting) void this.drain();
    });
  }

  private async drain() {
    this.isWriting = true;
    try {
      while (this.pending.length) {
        const batch = this.take();
        let error: unknown;
        try {
          await this.write(batch.map((p) => p.entry));
        } catch (e) {
          error = e ?? new Error('attempt batch failed');
        }
        batch.forEach((p) => p.done(error));
      }
    } finally {
      this.isWriting = false;
    }
  }

  /**
   * The next batch, in arrival order. Entries with a hash (successes) must be unique in a batch:
   * one statement cannot both insert and then conflict on the same cached request. A repeat waits
   * for the next batch, where it finds the first one stored.
   */
  private take() {
    const seen = new Set<string>();
    const batch: typeof this.pending = [];
    const rest: typeof this.pending = [];
    for (const p of this.pending) {
      const h = p.entry.hash;
      if (batch.length >= this.maxBatch || (h !== null && seen.has(h))) rest.push(p);
      else {
        if (h !== null) seen.add(h);
        batch.push(p);
      }
    }
    this.pending = rest;
    return batch;
  }
}
