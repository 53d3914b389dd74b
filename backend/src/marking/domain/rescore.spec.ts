import { Rubric } from './marking-rules';
import { changedReads, isByItems, RecordedMark, rescore } from './rescore';

const OLD: Rubric = {
  mode: 'items',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 6,
  items: [
    { id: 'a', points: 3, description: '原函数' },
    { id: 'b', points: 3, description: '代入' },
    { id: 'c', points: -1, description: '书写' },
  ],
};
const mark = (
  appliedItems: string[],
  points: number,
  extra: Partial<RecordedMark> = {},
): RecordedMark => ({
  id: String(Math.random()),
  markerId: 't1',
  kind: 'first',
  points,
  appliedItems,
  adjustment: 0,
  comment: null,
  rubric: OLD,
  ...extra,
});
const edit = (items: Rubric['items'], over: Partial<Rubric> = {}): Rubric => ({
  ...OLD,
  items,
  ...over,
});
const A4 = [{ ...OLD.items[0], points: 4 }, OLD.items[1], OLD.items[2]];

describe('re-scoring marks under an edited rubric', () => {
  it.each([
    ['a worth 4: a + b clamps at the ceiling', A4, ['a', 'b'], 6, 6],
    ['a worth 4: a alone', A4, ['a'], 3, 4],
    ['a worth 4: a with the −1 item', A4, ['a', 'c'], 2, 3],
    ['b removed: it counts nothing', [OLD.items[0], OLD.items[2]], ['a', 'b'], 6, 3],
    [
      'a and b made alternatives: only the first counts',
      [{ ...OLD.items[0], group: 'g' }, { ...OLD.items[1], group: 'g' }, OLD.items[2]],
      ['a', 'b'],
      6,
      3,
    ],
    [
      'the −1 item made −2, floor 0 holds',
      [OLD.items[0], OLD.items[1], { ...OLD.items[2], points: -2 }],
      ['c'],
      0,
      0,
    ],
  ])('%s', (_what, items, applied, before, after) => {
    expect(rescore(edit(items), mark(applied, before))).toBe(after);
  });

  it('keeps a typed score, clamped into the new floor and ceiling, and keeps the adjustment', () => {
    const typed = mark([], 5);
    expect(isByItems(typed)).toBe(false);
    expect(rescore(edit(OLD.items), typed)).toBe(5);
    expect(rescore(edit(OLD.items, { ceilingPoints: 4 }), typed)).toBe(4);
    const adjusted = mark(['a'], 4, { adjustment: 1, comment: '步骤完整' });
    expect(isByItems(adjusted)).toBe(true);
    expect(rescore(edit(A4), adjusted)).toBe(5);
  });

  it('changes only each reader’s latest read and the arbitration, never problem or calibration reads', () => {
    const marks = [
      mark(['a'], 3, { id: '1', markerId: 't1' }),
      mark(['a', 'b'], 6, { id: '2', markerId: 't1', kind: 'review' }),
      mark(['a'], 3, { id: '3', markerId: 't2', kind: 'second' }),
      mark(['a'], 3, { id: '4', markerId: 't3', kind: 'calibration' }),
      mark(['a'], 3, { id: '5', markerId: 's', kind: 'arbitration' }),
    ];
    expect(changedReads(edit(A4), marks).map((c) => [c.mark.id, c.newPoints])).toEqual([
      ['3', 4],
      ['5', 4],
    ]);
  });
});
