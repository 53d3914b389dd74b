import { isHolderGone, PgPoolLike, SlotLeases } from '../src/collection/slot-leases.repository';
import { startTestApp, TestApp } from './test-app';

describe('request slots as session advisory locks', () => {
  let t: TestApp;
  let pool: PgPoolLike;
  const open: SlotLeases[] = [];
  const model = '00000000-0000-4000-8000-00000000a001';

  /** A worker process's slot holder: same pool, its own dedicated connection. */
  const worker = async (holderId?: string) => {
    const events = { work: 0, lost: 0 };
    const leases = new SlotLeases(
      pool,
      () => events.work++,
      () => events.lost++,
      holderId,
    );
    await leases.start();
    open.push(leases);
    return { leases, events };
  };

  beforeAll(async () => {
    t = await startTestApp({
      collection: {
        isWorker: false,
        leaseSeconds: 30,
        maxAttempts: 3,
        timeoutMs: 1000,
        backoffBaseMs: 10,
        backoffMaxMs: 100,
      },
    });
    pool = (t.db.driver as unknown as { master: PgPoolLike }).master;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((l) => l.stop()));
  });
  afterAll(() => t.close());

  it('splits a model’s slots between worker processes and never hands out more than its concurrency', async () => {
    const a = await worker();
    const b = await worker();
    const fromA = await a.leases.acquire(model, 4);
    const fromB = await b.leases.acquire(model, 4);
    expect(fromA).toHaveLength(2); // a fair share: 4 slots, 2 processes
    expect(fromB).toHaveLength(2);
    expect(new Set([...fromA, ...fromB])).toEqual(new Set([0, 1, 2, 3]));
    expect(await a.leases.acquire(model, 4)).toEqual([]);
    // A third process finds its share taken: all four are held.
    const c = await worker();
    expect(await c.leases.acquire(model, 4)).toEqual([]);
    // A released slot can be taken again, once.
    await a.leases.release(model, fromA[0]);
    expect(a.leases.holds(model, fromA[0])).toBe(false);
    expect(await c.leases.acquire(model, 4)).toEqual([fromA[0]]);
    expect(await b.leases.acquire(model, 4)).toEqual([]);
  });

  it('frees every slot of a process whose connection dies, and the others may take them', async () => {
    const a = await worker();
    expect(await a.leases.acquire(model, 3)).toEqual([0, 1, 2]);
    // What PostgreSQL sees when a worker is killed: its session ends.
    await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'yuejuan-slots'`,
    );
    for (let i = 0; i < 100 && !a.events.lost; i++) await new Promise((r) => setTimeout(r, 20));
    expect(a.events.lost).toBe(1);
    expect(a.leases.holds(model, 0)).toBe(false);
    const b = await worker();
    expect(await b.leases.acquire(model, 3)).toEqual([0, 1, 2]);
  });

  it('tells a live holder of claims from one that is gone: its holder lock goes with its connection', async () => {
    const holder = '00000000-0000-4000-8000-00000000b001';
    const gone = async () =>
      (await t.db.query(`SELECT ${isHolderGone('$1::uuid')} AS gone`, [holder]))[0].gone;
    const a = await worker(holder);
    expect(await gone()).toBe(false);
    // killed: PostgreSQL ends its session, and with it the lock
    await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'yuejuan-slots'`,
    );
    for (let i = 0; i < 100 && !a.events.lost; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await gone()).toBe(true);
    // a new slot connection of the same process holds it again
    await a.leases.start();
    expect(await gone()).toBe(false);
  });

  it('wakes every worker when a run is announced', async () => {
    const a = await worker();
    const b = await worker();
    await SlotLeases.announce(t.db);
    for (let i = 0; i < 100 && (!a.events.work || !b.events.work); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect([a.events.work, b.events.work]).toEqual([1, 1]);
  });
});
