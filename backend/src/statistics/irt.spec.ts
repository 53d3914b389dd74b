import { irtCohort, irtItem, irtScore } from './irt';
import { mean } from './distribution';
import { seededRandom } from './random';

describe('synthetic IRT cohort', () => {
  const random = seededRandom(3);
  const items = [
    irtItem({ points: 5, kind: 'choice', options: 4 }, random),
    irtItem({ points: 6, kind: 'multiple_choice' }, random),
    irtItem({ points: 12, kind: 'subjective' }, random),
  ];

  it('scores on half points between zero and the maximum', () => {
    const scores = irtCohort(items, 500, seededRandom(1));
    for (let i = 0; i < scores.length; i++) {
      const max = items[i % 3].points;
      expect(scores[i]).toBeGreaterThanOrEqual(0);
      expect(scores[i]).toBeLessThanOrEqual(max);
      expect(Number.isInteger(scores[i] * 2)).toBe(true);
    }
  });

  it('gives abler students higher expected scores, and never less than the guessing floor on choice', () => {
    const at = (theta: number) =>
      mean(Array.from({ length: 4000 }, (_, i) => irtScore(items[2], theta, seededRandom(i))));
    expect(at(1.5)).toBeGreaterThan(at(0));
    expect(at(0)).toBeGreaterThan(at(-1.5));
    const floor =
      mean(Array.from({ length: 4000 }, (_, i) => irtScore(items[0], -8, seededRandom(i)))) / 5;
    expect(floor).toBeGreaterThan(0.2);
    expect(floor).toBeLessThan(0.3);
  });

  it('is reproducible from its seed', () => {
    expect(irtCohort(items, 50, seededRandom(11))).toEqual(irtCohort(items, 50, seededRandom(11)));
  });
});
