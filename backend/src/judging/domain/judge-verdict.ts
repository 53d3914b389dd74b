/**
 * Reading a judge's output. A judgement is a score only if it parses and keeps to the rubric:
 * known item ids, each once, one item per one-of group, a total within the question's range that
 * agrees with the items. Anything else is a failed judgement with a code (worded by the client as
 * `judge.<code>`), never a score. Pure: no Nest, no database.
 */
import { rubricPoints, Rubric } from '../../marking/domain/marking-rules';

export type JudgeFailureCode =
  | 'judge.unparsable'
  | 'judge.unknown_item'
  | 'judge.item_repeated'
  | 'judge.group_broken'
  | 'judge.items_in_score_mode'
  | 'judge.total_out_of_range'
  | 'judge.total_mismatch'
  | 'judge.adjustment_unexplained'
  | 'judge.call_failed';

export interface RawJudgement {
  appliedItems: string[];
  adjustment: number;
  total: number;
  rationale: string;
}

export type Verdict =
  | {
      status: 'scored';
      appliedItems: string[];
      adjustment: number;
      points: number;
      rationale: string;
    }
  | {
      status: 'failed';
      code: JudgeFailureCode;
      params: Record<string, string | number>;
      /** What could be read of it, kept for the researcher (never a score). */
      rationale: string | null;
    };

const fail = (
  code: JudgeFailureCode,
  params: Record<string, string | number> = {},
  rationale: string | null = null,
): Verdict => ({
  status: 'failed',
  code,
  params,
  rationale,
});

const num = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*[-+]?\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
};

/** JSON (bare, or in a ``` fence, as some providers wrap even structured output). */
function fromJson(text: string): RawJudgement | null {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const body = (fenced ?? text).trim();
  if (!body.startsWith('{')) return null;
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const items = o.applied_items;
  const total = num(o.total);
  const adjustment = o.adjustment === undefined ? 0 : num(o.adjustment);
  if (
    !Array.isArray(items) ||
    !items.every((i) => typeof i === 'string') ||
    total === null ||
    adjustment === null
  )
    return null;
  return {
    appliedItems: items as string[],
    adjustment,
    total,
    rationale: typeof o.rationale === 'string' ? o.rationale : '',
  };
}

/** The tagged fallback: <items>a,b</items><adjustment>0</adjustment><total>5</total><rationale>…</rationale>. */
function fromTags(text: string): RawJudgement | null {
  const tag = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'i').exec(text)?.[1];
  const items = tag('items');
  const total = num(tag('total') ?? '');
  const adjText = tag('adjustment');
  const adjustment = adjText === undefined || !adjText.trim() ? 0 : num(adjText);
  if (items === undefined || total === null || adjustment === null) return null;
  return {
    appliedItems: items
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    adjustment,
    total,
    rationale: (tag('rationale') ?? '').trim(),
  };
}

export function parseJudgement(text: string): RawJudgement | null {
  return fromJson(text) ?? fromTags(text);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Checks a parsed judgement against the rubric and the question's points. */
export function checkJudgement(raw: RawJudgement, rubric: Rubric, maxPoints: number): Verdict {
  const rationale = raw.rationale.trim();
  if (raw.total < 0 || raw.total > maxPoints)
    return fail('judge.total_out_of_range', { total: raw.total, max: maxPoints }, rationale);
  if (rubric.mode === 'score' && raw.appliedItems.length)
    return fail('judge.items_in_score_mode', { items: raw.appliedItems.join(',') }, rationale);
  const byId = new Map(rubric.items.map((i) => [i.id, i]));
  const groups = new Map<string, string>();
  for (const [k, id] of raw.appliedItems.entries()) {
    const item = byId.get(id);
    if (!item) return fail('judge.unknown_item', { item: id }, rationale);
    if (raw.appliedItems.indexOf(id) !== k)
      return fail('judge.item_repeated', { item: id }, rationale);
    if (item.group) {
      const other = groups.get(item.group);
      if (other)
        return fail(
          'judge.group_broken',
          { group: item.group, items: `${other},${id}` },
          rationale,
        );
      groups.set(item.group, id);
    }
  }
  if (raw.adjustment !== 0 && !rationale)
    return fail('judge.adjustment_unexplained', { adjustment: raw.adjustment });
  // The same arithmetic as a teacher's mark: a score-mode judgement is a typed score.
  const r = rubricPoints(
    rubric,
    rubric.mode === 'score'
      ? {
          score: round2(raw.total - raw.adjustment),
          adjustment: raw.adjustment,
          comment: rationale,
        }
      : { appliedItems: raw.appliedItems, adjustment: raw.adjustment, comment: rationale },
  );
  if (!r.ok)
    return fail('judge.total_out_of_range', { total: raw.total, max: maxPoints }, rationale);
  if (Math.abs(r.points - raw.total) > 0.005)
    return fail('judge.total_mismatch', { total: raw.total, expected: r.points }, rationale);
  return {
    status: 'scored',
    appliedItems: raw.appliedItems,
    adjustment: raw.adjustment,
    points: r.points,
    rationale,
  };
}

/** Output text → verdict. */
export function judgeVerdict(text: string, rubric: Rubric, maxPoints: number): Verdict {
  const raw = parseJudgement(text);
  if (!raw) return fail('judge.unparsable', { length: text.length }, null);
  return checkJudgement(raw, rubric, maxPoints);
}
