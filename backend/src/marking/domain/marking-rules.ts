/**
 * The arithmetic of human marking, with no framework: a rubric's points, and how the reads of one
 * answer resolve into its final score under single or double marking (the Gaokao 2+1+1 rule).
 */
import {
  itemPoints,
  type MarkingRubric,
  type MarkingRuleCode,
  type MarkingTaskState,
} from '@yuejuan/contracts';

// The rubric's shape and its item arithmetic are the marking screen's too: defined once in @yuejuan/contracts.
export type { RubricItem } from '@yuejuan/contracts';
export type Rubric = MarkingRubric;

export interface MarkInput {
  appliedItems?: string[];
  /** For score-mode rubrics (and any rubric, when the teacher types a score). */
  score?: number;
  adjustment?: number;
  comment?: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * points = clamp(start + sum of applied items, floor, ceiling) + adjustment, or a typed score within
 * [floor, ceiling]. An item may be applied once; one-of groups admit one item; an adjustment needs a
 * comment. Returns the points or the first thing wrong with the mark.
 */
export function rubricPoints(
  rubric: Rubric,
  mark: MarkInput,
): { ok: true; points: number } | { ok: false; error: string } {
  const adjustment = mark.adjustment ?? 0;
  if (adjustment !== 0 && !mark.comment?.trim())
    return { ok: false, error: 'an adjustment needs a comment saying why' };
  let base: number;
  if (mark.score !== undefined) {
    if (
      !Number.isFinite(mark.score) ||
      mark.score < rubric.floorPoints ||
      mark.score > rubric.ceilingPoints
    )
      return {
        ok: false,
        error: `score must be between ${rubric.floorPoints} and ${rubric.ceilingPoints}`,
      };
    base = mark.score;
  } else {
    if (rubric.mode === 'score')
      return { ok: false, error: 'this question is marked by score: give a score' };
    const applied = mark.appliedItems ?? [];
    const byId = new Map(rubric.items.map((i) => [i.id, i]));
    const groups = new Map<string, string>();
    for (const id of applied) {
      const item = byId.get(id);
      if (!item) return { ok: false, error: `rubric item ${id} does not exist` };
      if (applied.indexOf(id) !== applied.lastIndexOf(id))
        return { ok: false, error: `rubric item ${id} is applied twice` };
      if (item.group) {
        const other = groups.get(item.group);
        if (other)
          return {
            ok: false,
            error: `items ${other} and ${id} are alternatives (group ${item.group}): apply one`,
          };
        groups.set(item.group, id);
      }
    }
    base = itemPoints(rubric, applied);
  }
  return { ok: true, points: round2(base + adjustment) };
}

export type MarkingMode = { mode: 'single' } | { mode: 'double'; tolerance: number };

export type ReadKind =
  'first' | 'second' | 'third' | 'arbitration' | 'review' | 'rescore' | 'problem' | 'calibration';

export interface Read {
  markerId: string;
  kind: ReadKind;
  points: number | null;
}

export type TaskState = MarkingTaskState;

/** Why a task is in its state: a code with its numbers, put in words by the client (and by ruleSentence for the record). */
export type RuleCode = MarkingRuleCode;

export interface Resolution {
  state: TaskState;
  finalScore: number | null;
  code: RuleCode;
  params: Record<string, number>;
  /** The same in an English sentence, kept in marking_tasks.rule as the audit of a score has always been. */
  rule: string;
}

const SENTENCES: Record<RuleCode, (p: Record<string, number>) => string> = {
  arbitrated: () => 'a senior arbitrated',
  problem: () => 'reported as a problem: a senior decides',
  single: () => 'single marking',
  unread: () => 'not read yet',
  waitingSecond: () => 'waiting for the second read',
  twoWithin: (p) => `two reads within ${p.tol}: their mean`,
  third: (p) => `two reads differ by ${p.d} > ${p.tol}: a third read`,
  closestPair: (p) => `third read within ${p.tol} of ${p.closest}: mean of the closest pair`,
  arbitrate: (p) => `third read within ${p.tol} of neither: a senior arbitrates`,
};

export function ruleSentence(code: RuleCode, params: Record<string, number> = {}): string {
  return SENTENCES[code](params);
}

function res(
  state: TaskState,
  finalScore: number | null,
  code: RuleCode,
  params: Record<string, number> = {},
): Resolution {
  return { state, finalScore, code, params, rule: ruleSentence(code, params) };
}

/**
 * The reads that count: each teacher's latest scoring read (a review replaces the teacher's earlier
 * read in place), in the order the teachers first read the answer.
 */
export function effectiveReads(reads: Read[]): Read[] {
  const byMarker = new Map<string, Read>();
  const order: string[] = [];
  for (const r of reads) {
    if (
      r.kind === 'problem' ||
      r.kind === 'arbitration' ||
      r.kind === 'calibration' ||
      r.points === null
    )
      continue;
    if (!byMarker.has(r.markerId)) order.push(r.markerId);
    const previous = byMarker.get(r.markerId);
    // A re-mark (回评) or a re-score after a rubric edit replaces the teacher's read in place.
    const replaces = (r.kind === 'review' || r.kind === 'rescore') && previous;
    byMarker.set(r.markerId, { ...r, kind: replaces ? previous.kind : r.kind });
  }
  return order.map((m) => byMarker.get(m)!);
}

/**
 * Single: one read is final. Double: two blind reads by different teachers; within tolerance the
 * mean is final; beyond it a third teacher reads; if the third is within tolerance of one of the
 * first two, the mean of the closest pair is final; otherwise a senior arbitrates. A problem report
 * or an arbitration takes precedence: the senior's arbitration is final.
 */
export function resolve(mode: MarkingMode, reads: Read[]): Resolution {
  const arbitration = [...reads]
    .reverse()
    .find((r) => r.kind === 'arbitration' && r.points !== null);
  if (arbitration) return res('done', arbitration.points, 'arbitrated');
  const lastProblem = reads.map((r) => r.kind).lastIndexOf('problem');
  const effective = effectiveReads(reads);
  if (lastProblem !== -1) return res('problem', null, 'problem');
  if (mode.mode === 'single')
    return effective.length
      ? res('done', effective[0].points, 'single')
      : res('open', null, 'unread');
  const [a, b, c] = effective.map((r) => r.points!);
  if (b === undefined) return res('open', null, a === undefined ? 'unread' : 'waitingSecond');
  const tol = mode.tolerance;
  if (Math.abs(a - b) <= tol) return res('done', round2((a + b) / 2), 'twoWithin', { tol });
  if (c === undefined)
    return res('needs_third', null, 'third', { d: round2(Math.abs(a - b)), tol });
  const da = Math.abs(c - a);
  const db = Math.abs(c - b);
  if (Math.min(da, db) <= tol) {
    const closest = da <= db ? a : b;
    return res('done', round2((c + closest) / 2), 'closestPair', { tol, closest });
  }
  return res('needs_arbitration', null, 'arbitrate', { tol });
}

/** Which read a teacher's next mark on a task is. */
export function nextReadKind(reads: Read[]): 'first' | 'second' | 'third' {
  const n = effectiveReads(reads).length;
  return n === 0 ? 'first' : n === 1 ? 'second' : 'third';
}
