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

  // With two categories the quadratic weights are 0/1, so QWK equals Cohen's kappa: the worked
  // examples of Cohen's kappa (Wikipedia, "Cohen's kappa", Examples) give 0.4, 0.1304 and 0.2593.
  it.each([
    [20, 5, 10, 15, 0.4],
    [45, 15, 25, 15, 0.1304],
    [25, 35, 5, 35, 0.2593],
  ])(
    'matches the textbook kappa for yes/yes %d, yes/no %d, no/yes %d, no/no %d',
    (yy, yn, ny, nn, kappa) => {
      const pairs: [number, number][] = [
        ...Array.from({ length: yy }, (): [number, number] => [1, 1]),
        ...Array.from({ length: yn }, (): [number, number] => [1, 0]),
        ...Array.from({ length: ny }, (): [number, number] => [0, 1]),
        ...Array.from({ length: nn }, (): [number, number] => [0, 0]),
      ];
      expect(quadraticWeightedKappa(pairs, 0, 1, 1)).toBeCloseTo(kappa, 4);
    },
  );

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
