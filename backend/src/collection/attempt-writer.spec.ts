import { AttemptWriter } from './attempt-writer';

type Entry = { id: number; hash: string | null };

/** A write that waits until released, so the test decides when a batch "commits". */
function gatedWrite() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  let failNext: Error | null = null;
  const write = (batch: Entry[]) => {
    batches.push(batch.map((e) => e.id));
    const err = failNext;
    failNext = null;
    return new Promise<void>((resolve, reject) =>
      gates.push(() => (err ? reject(err) : resolve())),
    );
  };
  const commit = async () => {
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, write, commit, failOnce: (e: Error) => (failNext = e) };
}

describe('AttemptWriter (group commit)', () => {
  it('writes the first entry at once and gathers those that arrive meanwhile into one next batch', async () => {
    const g = gatedWrite();
    const w = new AttemptWriter<Entry>(g.write);
    const stored: number[] = [];
    const first = w.record({ id: 1, hash: 'a' }).then(() => stored.push(1));
    const later = [2, 3, 4].map((id) =>
      w.record({ id, hash: `h${id}` }).then(() => stored.push(id)),
    );
    expect(g.batches).toEqual([[1]]);
    await g.commit();
    await first;
    expect(g.batches).toEqual([[1], [2, 3, 4]]);
    expect(stored).toEqual([1]); // the others resolve only when their own batch is stored
    await g.commit();
    await Promise.all(later);
    expect(stored).toEqual([1, 2, 3, 4]);
  });

  it('keeps two successes of one request hash apart, and failures (no hash) together', async () => {
    const g = gatedWrite();
    const w = new AttemptWriter<Entry>(g.write);
    const all = [w.record({ id: 0, hash: 'x' })];
    all.push(
      w.record({ id: 1, hash: 'same' }),
      w.record({ id: 2, hash: 'same' }),
      w.record({ id: 3, hash: null }),
      w.record({ id: 4, hash: null }),
    );
    await g.commit();
    expect(g.batches[1]).toEqual([1, 3, 4]);
    await g.commit();
    expect(g.batches[2]).toEqual([2]);
    await g.commit();
    await Promise.all(all);
  });

  it('caps a batch and rejects exactly the entries of a batch that failed', async () => {
    const g = gatedWrite();
    const w = new AttemptWriter<Entry>(g.write, 2);
    const first = w.record({ id: 0, hash: null });
    const outcomes = [1, 2, 3].map((id) =>
      w.record({ id, hash: null }).then(
        () => 'stored',
        (e: Error) => e.message,
      ),
    );
    g.failOnce(new Error('deadlock detected'));
    await g.commit(); // batch [0] is stored; [1, 2] is written next and will fail
    await first;
    expect(g.batches).toEqual([[0], [1, 2]]);
    await g.commit();
    await g.commit();
    expect(g.batches).toEqual([[0], [1, 2], [3]]);
    expect(await Promise.all(outcomes)).toEqual([
      'deadlock detected',
      'deadlock detected',
      'stored',
    ]);
  });
});
