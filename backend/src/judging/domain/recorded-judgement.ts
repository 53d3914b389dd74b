/**
 * A recorded judgement line (exam-papers/recorded-runs/*-judge.jsonl, written by
 * backend/scripts/build-recorded-judge.mjs) checked before anything is stored, and turned into a
 * judge read: the recorded score is the points when it lies within the question's points;
 * otherwise the judgement is failed (judge.total_out_of_range), never clamped into a score.
 * Pure: no Nest, no database.
 */
import { readJsonLines } from '../../common/jsonl';
import type { Verdict } from './judge-verdict';

export const RECORDED_TEMPLATE = 'gaokao-bench-correction';

export interface RecordedJudgementLine {
  line: number;
  paper: string;
  question: string;
  judge: string;
  judgeModelId: string;
  template: string;
  answerModel: string;
  sample: number;
  points: number;
  rationale: string;
  provenance: {
    dataset: string;
    commit?: string;
    file: string;
    index: number;
    questionFile?: string;
  };
}

export interface LineError {
  line: number;
  field: string;
  message: string;
}

const TEXT_FIELDS = ['paper', 'question', 'judge', 'template', 'answerModel', 'rationale'] as const;

export function parseRecordedJudgements(text: string): {
  lines: RecordedJudgementLine[];
  errors: LineError[];
} {
  const lines: RecordedJudgementLine[] = [];
  const errors: LineError[] = [];
  for (const read of readJsonLines(text)) {
    const line = read.line;
    if (!read.ok) {
      errors.push({ line, field: '', message: 'not a JSON object' });
      continue;
    }
    // A line that is JSON but no object (a number, null) fails on its first field, as it always has.
    const o = (read.value ?? {}) as Record<string, unknown>;
    const blank = TEXT_FIELDS.find((f) => typeof o[f] !== 'string' || !(o[f] as string).trim());
    if (blank) {
      errors.push({ line, field: blank, message: `${blank} must be a non-empty string` });
      continue;
    }
    if (typeof o.points !== 'number' || !Number.isFinite(o.points)) {
      errors.push({ line, field: 'points', message: 'points must be a number' });
      continue;
    }
    lines.push({
      line,
      paper: o.paper as string,
      question: o.question as string,
      judge: o.judge as string,
      judgeModelId: typeof o.judgeModelId === 'string' ? o.judgeModelId : (o.judge as string),
      template: o.template as string,
      answerModel: o.answerModel as string,
      sample: typeof o.sample === 'number' ? o.sample : 0,
      points: o.points,
      rationale: o.rationale as string,
      provenance: o.provenance as RecordedJudgementLine['provenance'],
    });
  }
  return { lines, errors };
}

/** The recorded score as a verdict against the question's points (no rubric items: the recorded judge read none). */
export function recordedVerdict(points: number, maxPoints: number, rationale: string): Verdict {
  if (points < 0 || points > maxPoints)
    return {
      status: 'failed',
      code: 'judge.total_out_of_range',
      params: { total: points, max: maxPoints },
      rationale,
    };
  return {
    status: 'scored',
    appliedItems: [],
    adjustment: 0,
    points: Math.round(points * 100) / 100,
    rationale,
  };
}
