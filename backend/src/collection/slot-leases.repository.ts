/** The part of a node-postgres pool client used here. */
interface PgClient {
  query(text: string, values?: unknown[]): Promise<{ rows: { s: number }[] }>;
  on(event: 'notification' | 'error' | 'end', listener: (...args: unknown[]) => void): unknown;
  release(err?: Error | boolean): void;
}
export interface PgPoolLike {
  connect(): Promise<PgClient>;
}

/** The slot connection's name, by which the processes sharing a model's slots count one another. */
const APPLICATION_NAME = 'yuejuan-slots';

/** Channel on which a started or resumed run is announced to every worker process. */
export const WORK_CHANNEL = 'yj_work';

/**
 * SQL true while the process that claimed items as `claimedBy` is alive: it holds a session lock
 * on this key on its slot connection, which PostgreSQL frees the moment the process dies. The key
 * is taken for the rest of the statement's transaction only, so one reclaimer at a time wins it.
 */
export const isHolderGone = (claimedBy: string) =>
  `pg_try_advisory_xact_lock(hashtext('yj-worker'), hashtext(${claimedBy}::text))`;

/**
 * A model's request slots, numbered 0 … concurrency − 1, each a PostgreSQL session advisory lock
 * held on one dedicated connection per process. A process sends a model's requests only on slots
 * it holds, so across every process at most `concurrency` requests are in flight. When a process
 * dies its connection closes and PostgreSQL frees its slots at once: no lease to wait for. The
 * same connection LISTENs for new work, so a run started in another process begins without polling,
 * and holds the process's holder lock (`holderId`), by which others can tell its claims are orphaned.
 * Raw SQL: advisory locks, LISTEN and pg_stat_activity have no TypeORM form. Not a Nest provider:
 * the runner owns one, with its callbacks, because the locks live on that one connection.
 */
export class SlotLeases {
  private client: PgClient | null = null;
  private connecting: Promise<PgClient> | null = null;
  /** The slot connection's queries, one after another (node-postgres wants no overlap on a client). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Slots held, by model. Cleared when the connection is lost: PostgreSQL has freed them. */
  private readonly held = new Map<string, Set<number>>();
  /** Counts slot connections made: items claimed under an earlier one may have been taken back meanwhile. */
  generation = 0;

  constructor(
    private readonly pool: PgPoolLike,
    private readonly onWork: () => void,
    private readonly onLost: (e: Error) => void,
    private readonly holderId?: string,
  ) {}

  private connection(): Promise<PgClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const c = await this.pool.connect();
      const lost = (e: unknown) => {
        if (this.client !== c) return;
        this.client = null;
        this.held.clear();
        c.release(true);
        this.onLost(e instanceof Error ? e : new Error('slot connection closed'));
      };
      c.on('error', lost);
      c.on('end', lost);
      c.on('notification', () => this.onWork());
      try {
        await c.query(`SET application_name = '${APPLICATION_NAME}'`);
        await c.query(`LISTEN ${WORK_CHANNEL}`);
        if (this.holderId)
          await c.query(`SELECT pg_advisory_lock(hashtext('yj-worker'), hashtext($1))`, [
            this.holderId,
          ]);
      } catch (e) {
        c.release(true); // a connection that failed its set-up goes, not back to the pool
        throw e;
      }
      this.client = c;
      this.generation++;
      return c;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private run(c: PgClient, text: string, values?: unknown[]) {
    const result = this.queue.then(() => c.query(text, values));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Connects and listens for new work (a worker does this at start). */
  async start() {
    await this.connection();
  }

  /**
   * Takes free slots of the model below `concurrency`, up to this process's fair share of them
   * (concurrency divided by the worker processes connected), so that extra worker processes split
   * the load instead of the first one taking every slot. Returns the slot numbers newly taken.
   */
  async acquire(modelId: string, concurrency: number): Promise<number[]> {
    const mine = this.held.get(modelId) ?? new Set<number>();
    if (mine.size >= concurrency) return [];
    const c = await this.connection();
    // CASE keeps slots already held out of pg_try_advisory_lock: session locks stack, and a second
    // hold would survive its single unlock. LIMIT stops the scan at the share, so no lock is taken beyond it.
    const { rows } = await this.run(
      c,
      `SELECT s FROM generate_series(0, $2::int - 1) s
       WHERE CASE WHEN s = ANY($3::int[]) THEN false ELSE pg_try_advisory_lock(hashtext('yj-slot:' || $1), s) END
       LIMIT greatest(0, ceil($2::float / greatest(1, (SELECT count(*) FROM pg_stat_activity WHERE application_name = '${APPLICATION_NAME}'
                                                   AND datname = current_database())))::int - $4::int)`,
      [modelId, concurrency, [...mine], mine.size],
    );
    const taken = rows.map((r) => Number(r.s));
    taken.forEach((s) => mine.add(s));
    this.held.set(modelId, mine);
    return taken;
  }

  /** False once the slot was released, or freed by a lost connection: its loop must end. */
  holds(modelId: string, slot: number): boolean {
    return this.held.get(modelId)?.has(slot) ?? false;
  }

  async release(modelId: string, slot: number) {
    const mine = this.held.get(modelId);
    if (!mine?.delete(slot) || !this.client) return;
    await this.run(this.client, `SELECT pg_advisory_unlock(hashtext('yj-slot:' || $1), $2::int)`, [
      modelId,
      slot,
    ]);
  }

  /** Tells every worker process (this one included) that there is new work. */
  static announce(db: { query(sql: string): Promise<unknown> }) {
    return db.query(`SELECT pg_notify('${WORK_CHANNEL}', '')`);
  }

  /** Frees every slot by closing the connection (not returning it to the pool, where its name and locks would linger). */
  async stop() {
    const c = this.client;
    this.client = null;
    this.held.clear();
    if (c) {
      await this.queue;
      c.release(true);
    }
  }
}
