import { agreement, quadraticWeightedKappa } from './agreement';

describe('quadratic weighted kappa', () => {
  it.each([
    [
      'perfect agreement',
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      0,
      3,
      1,
      1,
    ],
    [
      'two swapped neighbours (hand-computed: 1 − (2/9)/(10/9))',
      [
        [0, 0],
        [1, 2],
        [2, 1],
        [3, 3],
      ],
      0,
      3,
      1,
      0.8,
    ],
    [
      'complete reversal',
      [
        [0, 3],
        [3, 0],
      ],
      0,
      3,
      1,
      -1,
    ],
    [
      'half points on a 0–2 scale (hand-computed: 1 − (1/16)/(76/64))',
      [
        [0, 0],
        [0.5, 0.5],
        [1, 1.5],
        [2, 2],
      ],
      0,
      2,
      0.5,
      0.947368,
    ],
  ] as const)('%s', (_name, pairs, min, max, step, expected) => {
    expect(
      quadraticWeightedKappa(
        pairs.map((p) => [...p] as [number, number]),
        min,
        max,
        step,
      ),
    ).toBeCloseTo(expected, 4);
  });

  it('is undefined without pairs or without spread', () => {
    expect(quadraticWeightedKappa([], 0, 5)).toBeNull();
    expect(
      quadraticWeightedKappa(
        [
          [2, 2],
          [2, 2],
        ],
        0,
        5,
      ),
    ).toBeNull();
  });

  it('reports exact and adjacent agreement beside it', () => {
    expect(
      agreement(
        [
          [3, 3],
          [4, 5],
          [1, 4],
        ],
        0,
        6,
        1,
      ),
    ).toMatchObject({ n: 3, exact: 1 / 3, adjacent: 2 / 3 });
  });
});
