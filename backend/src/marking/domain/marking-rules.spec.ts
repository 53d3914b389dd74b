import { MarkingMode, Read, resolve, Rubric, rubricPoints } from './marking-rules';

const rubric: Rubric = {
  mode: 'items',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 10,
  items: [
    { id: 'a', points: 4, description: '公式正确' },
    { id: 'b', points: 3, description: '计算正确' },
    { id: 'c', points: 5, description: '结论完整' },
    { id: 'x', points: 2, description: '方法一', group: 'm' },
    { id: 'y', points: 3, description: '方法二', group: 'm' },
    { id: 'pen', points: -2, description: '单位缺失' },
  ],
};
const deduct: Rubric = {
  ...rubric,
  startingPoints: 10,
  items: [
    { id: 'e1', points: -4, description: '' },
    { id: 'e2', points: -8, description: '' },
  ],
};

describe('rubric points = clamp(start + items, floor, ceiling) + adjustment', () => {
  it.each([
    [rubric, { appliedItems: [] }, 0],
    [rubric, { appliedItems: ['a', 'b'] }, 7],
    [rubric, { appliedItems: ['a', 'b', 'c'] }, 10], // 12 clamped to the ceiling
    [rubric, { appliedItems: ['a', 'pen'] }, 2],
    [rubric, { appliedItems: ['pen'] }, 0], // -2 clamped to the floor
    [rubric, { appliedItems: ['a', 'y'] }, 7],
    [rubric, { appliedItems: ['a', 'b', 'c'], adjustment: -1, comment: '书写潦草' }, 9], // adjustment after the clamp
    [rubric, { appliedItems: ['c'], adjustment: 0.5, comment: '步骤清楚' }, 5.5],
    [deduct, { appliedItems: ['e1'] }, 6],
    [deduct, { appliedItems: ['e1', 'e2'] }, 0],
    [rubric, { score: 6.5 }, 6.5],
  ] as const)('%#', (r, mark, points) =>
    expect(rubricPoints(r, mark)).toEqual({ ok: true, points }),
  );

  it.each([
    [{ appliedItems: ['zz'] }, 'rubric item zz does not exist'],
    [{ appliedItems: ['a', 'a'] }, 'rubric item a is applied twice'],
    [{ appliedItems: ['x', 'y'] }, 'items x and y are alternatives (group m): apply one'],
    [{ appliedItems: ['a'], adjustment: 1 }, 'an adjustment needs a comment saying why'],
    [{ score: 11 }, 'score must be between 0 and 10'],
    [{ score: -1 }, 'score must be between 0 and 10'],
  ])('refuses %j', (mark, error) =>
    expect(rubricPoints(rubric, mark)).toEqual({ ok: false, error }),
  );

  it('a score-mode rubric needs a score', () => {
    expect(rubricPoints({ ...rubric, mode: 'score' }, { appliedItems: ['a'] })).toEqual({
      ok: false,
      error: 'this question is marked by score: give a score',
    });
  });
});

const r = (markerId: string, kind: Read['kind'], points: number | null): Read => ({
  markerId,
  kind,
  points,
});
const double: MarkingMode = { mode: 'double', tolerance: 2 };

describe('resolving reads into a final score', () => {
  it.each([
    ['single: not read', { mode: 'single' } as MarkingMode, [], 'open', null],
    [
      'single: one read is final',
      { mode: 'single' } as MarkingMode,
      [r('t1', 'first', 7)],
      'done',
      7,
    ],
    [
      'single: a review replaces it',
      { mode: 'single' } as MarkingMode,
      [r('t1', 'first', 7), r('t1', 'review', 5)],
      'done',
      5,
    ],
    ['double: one read waits', double, [r('t1', 'first', 7)], 'open', null],
    [
      'double: within tolerance → mean',
      double,
      [r('t1', 'first', 7), r('t2', 'second', 9)],
      'done',
      8,
    ],
    [
      'double: exactly the tolerance → mean',
      double,
      [r('t1', 'first', 4), r('t2', 'second', 6)],
      'done',
      5,
    ],
    [
      'double: beyond → third read',
      double,
      [r('t1', 'first', 3), r('t2', 'second', 9)],
      'needs_third',
      null,
    ],
    [
      'third near the first → mean of that pair',
      double,
      [r('t1', 'first', 3), r('t2', 'second', 9), r('t3', 'third', 4)],
      'done',
      3.5,
    ],
    [
      'third near the second → mean of that pair',
      double,
      [r('t1', 'first', 3), r('t2', 'second', 9), r('t3', 'third', 8)],
      'done',
      8.5,
    ],
    [
      'third 3 from both, beyond the tolerance → arbitration',
      double,
      [r('t1', 'first', 2), r('t2', 'second', 8), r('t3', 'third', 5)],
      'needs_arbitration',
      null,
    ],
    [
      'third near neither → arbitration',
      double,
      [r('t1', 'first', 0), r('t2', 'second', 10), r('t3', 'third', 5)],
      'needs_arbitration',
      null,
    ],
    [
      'arbitration is final',
      double,
      [r('t1', 'first', 0), r('t2', 'second', 10), r('t3', 'third', 5), r('s1', 'arbitration', 6)],
      'done',
      6,
    ],
    [
      'a review by the first reader re-derives',
      double,
      [r('t1', 'first', 3), r('t2', 'second', 9), r('t1', 'review', 8)],
      'done',
      8.5,
    ],
    ['a problem report waits for a senior', double, [r('t1', 'problem', null)], 'problem', null],
    [
      'a senior decides a problem',
      double,
      [r('t1', 'problem', null), r('s1', 'arbitration', 4)],
      'done',
      4,
    ],
  ] as const)('%s', (_name, mode, reads, state, finalScore) => {
    expect(resolve(mode, [...reads])).toMatchObject({ state, finalScore });
  });
});

describe('rule codes', () => {
  it('travel with their numbers, and the sentence on record follows from them', () => {
    const double = { mode: 'double' as const, tolerance: 2 };
    const r = resolve(double, [
      { markerId: 'a', kind: 'first', points: 3 },
      { markerId: 'b', kind: 'second', points: 8 },
    ]);
    expect(r).toMatchObject({ state: 'needs_third', code: 'third', params: { d: 5, tol: 2 } });
    expect(r.rule).toBe('two reads differ by 5 > 2: a third read');
    const closest = resolve(double, [
      { markerId: 'a', kind: 'first', points: 3 },
      { markerId: 'b', kind: 'second', points: 8 },
      { markerId: 'c', kind: 'third', points: 7 },
    ]);
    expect(closest).toMatchObject({
      code: 'closestPair',
      params: { tol: 2, closest: 8 },
      finalScore: 7.5,
    });
  });
});
