/**
 * When a judge may score a question in place of teachers: the acceptance rule of operational
 * automated scoring (Williamson, Xi & Breyer 2012, "A framework for evaluation and use of
 * automated scoring", EM:IP 31(1); ETS e-rater practice, e.g. Ramineni et al. 2012, ETS RR-12-02):
 *   - compared on at least `minAnswers` human-marked answers (too few and every figure is noise);
 *   - its QWK with the human reads no more than `maxQwkDrop` below the human–human QWK on the same
 *     answers (Williamson et al. allow 0.10; the default here is the stricter 0.05 of the issue);
 *   - |standardised mean difference| with the final human score at most `maxSmd` (0.15 there).
 * Pure: the figures come in, a verdict with a reason code and its parameters goes out, so the
 * client can word it and a reviewer can see exactly which bar was missed.
 */
import type { JudgeThresholds, JudgeValidationCode, JudgeVerdict } from '@yuejuan/contracts';

export type AcceptanceThresholds = JudgeThresholds;

export const DEFAULT_THRESHOLDS: AcceptanceThresholds = {
  minAnswers: 30,
  minHumanPairs: 10,
  maxQwkDrop: 0.05,
  maxSmd: 0.15,
};

export interface AcceptanceInput {
  /** Answers with both a final human score and a scored judgement. */
  answers: number;
  /** QWK of the judge with each independent human read (pooled pairs), and that of human with human. */
  judgeHumanQwk: number | null;
  humanHumanQwk: number | null;
  humanPairs: number;
  /** SMD of the judge against the final human score. */
  smd: number | null;
}

/** The verdict and its codes are the client's too (it words them): defined once in @yuejuan/contracts. */
export type ValidationCode = JudgeValidationCode;
export type Verdict = JudgeVerdict;

const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** The first bar the judge misses, in order: nothing to compare, too few, below humans, biased. */
export function acceptance(
  input: AcceptanceInput,
  t: AcceptanceThresholds = DEFAULT_THRESHOLDS,
): Verdict {
  const no = (code: ValidationCode, params: Record<string, number | null>): Verdict => ({
    validated: false,
    code,
    params,
  });
  if (input.answers < t.minAnswers)
    return no('judge.validation.too_few', { n: input.answers, min: t.minAnswers });
  if (input.humanPairs < t.minHumanPairs || input.humanHumanQwk === null)
    return no('judge.validation.no_human_pairs', { pairs: input.humanPairs, min: t.minHumanPairs });
  const bar = input.humanHumanQwk - t.maxQwkDrop;
  // an undefined judge QWK (no spread in its scores or the humans') cannot show it reads like a teacher
  if (input.judgeHumanQwk === null || input.judgeHumanQwk < bar - 1e-9)
    return no('judge.validation.qwk_below_humans', {
      qwk: r3(input.judgeHumanQwk),
      humanQwk: r3(input.humanHumanQwk),
      margin: t.maxQwkDrop,
    });
  if (input.smd === null || Math.abs(input.smd) > t.maxSmd + 1e-9)
    return no('judge.validation.biased', { smd: r3(input.smd), max: t.maxSmd });
  return {
    validated: true,
    code: 'judge.validation.validated',
    params: {
      n: input.answers,
      qwk: r3(input.judgeHumanQwk),
      humanQwk: r3(input.humanHumanQwk),
      smd: r3(input.smd),
    },
  };
}
