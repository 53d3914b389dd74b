import { normal, Random } from './random';

/**
 * A synthetic cohort from item response theory, for sample papers that have no real students.
 * Each student has an ability θ ~ N(0, 1). Each question has a discrimination a and a difficulty b;
 * the probability of earning each score step is c + (1 − c) / (1 + e^(−1.7·a·(θ − b))), where c is
 * the guessing floor (1 / options for choice questions, 0 otherwise), and the score is the number
 * of steps earned out of `steps`, scaled to the question's points (a binomial partial-credit model).
 */
export interface IrtItem {
  points: number;
  steps: number;
  guessing: number;
  discrimination: number;
  difficulty: number;
}

export interface IrtQuestion {
  points: number;
  kind: 'choice' | 'multiple_choice' | 'blank' | 'subjective';
  options?: number;
}

/** Item parameters drawn from documented priors: choice questions easier, subjective ones harder. */
export function irtItem(q: IrtQuestion, random: Random): IrtItem {
  // Centred so a typical paper's mean score rate lands near 55–65%, as national Gaokao averages do.
  const centre = { choice: -0.3, multiple_choice: 0.2, blank: 0.3, subjective: 0.6 }[q.kind];
  const steps =
    q.kind === 'choice' || q.kind === 'blank'
      ? 1
      : q.kind === 'multiple_choice'
        ? 2
        : Math.max(1, Math.round(q.points));
  return {
    points: q.points,
    steps,
    guessing: q.kind === 'choice' ? 1 / (q.options ?? 4) : 0,
    discrimination: 0.8 + 0.8 * random(),
    difficulty: centre + 0.8 * normal(random),
  };
}

export function irtScore(item: IrtItem, theta: number, random: Random): number {
  const p =
    item.guessing +
    (1 - item.guessing) / (1 + Math.exp(-1.7 * item.discrimination * (theta - item.difficulty)));
  let earned = 0;
  for (let k = 0; k < item.steps; k++) if (random() < p) earned++;
  // Half points are the finest unit a Gaokao mark uses.
  return Math.round((earned / item.steps) * item.points * 2) / 2;
}

/** students × items scores, row-major, from one seeded generator. */
export function irtCohort(items: IrtItem[], students: number, random: Random): Float64Array {
  const out = new Float64Array(students * items.length);
  for (let s = 0; s < students; s++) {
    const theta = normal(random);
    for (let j = 0; j < items.length; j++)
      out[s * items.length + j] = irtScore(items[j], theta, random);
  }
  return out;
}
