/**
 * The arithmetic of human marking, with no framework: a rubric's points, and how the reads of one
 * answer resolve into its final score under single or double marking (the Gaokao 2+1+1 rule).
 */

export interface RubricItem {
  id: string;
  points: number;
  description: string;
  group?: string;
}

export interface Rubric {
  mode: 'items' | 'score';
  startingPoints: number;
  floorPoints: number;
  ceilingPoints: number;
  items: RubricItem[];
}

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
export function rubricPoints(rubric: Rubric, mark: MarkInput): { ok: true; points: number } | { ok: false; error: string } {
  const adjustment = mark.adjustment ?? 0;
  if (adjustment !== 0 && !mark.comment?.trim()) return { ok: false, error: 'an adjustment needs a comment saying why' };
  let base: number;
  if (mark.score !== undefined) {
    if (!Number.isFinite(mark.score) || mark.score < rubric.floorPoints || mark.score > rubric.ceilingPoints)
      return { ok: false, error: `score must be between ${rubric.floorPoints} and ${rubric.ceilingPoints}` };
    base = mark.score;
  } else {
    if (rubric.mode === 'score') return { ok: false, error: 'this question is marked by score: give a score' };
    const applied = mark.appliedItems ?? [];
    const byId = new Map(rubric.items.map((i) => [i.id, i]));
    const groups = new Map<string, string>();
    for (const id of applied) {
      const item = byId.get(id);
      if (!item) return { ok: false, error: `rubric item ${id} does not exist` };
      if (applied.indexOf(id) !== applied.lastIndexOf(id)) return { ok: false, error: `rubric item ${id} is applied twice` };
      if (item.group) {
        const other = groups.get(item.group);
        if (other) return { ok: false, error: `items ${other} and ${id} are alternatives (group ${item.group}): apply one` };
        groups.set(item.group, id);
      }
    }
    const sum = applied.reduce((a, id) => a + byId.get(id)!.points, rubric.startingPoints);
    base = Math.min(rubric.ceilingPoints, Math.max(rubric.floorPoints, sum));
  }
  return { ok: true, points: round2(base + adjustment) };
}

export type MarkingMode = { mode: 'single' } | { mode: 'double'; tolerance: number };

export type ReadKind = 'first' | 'second' | 'third' | 'arbitration' | 'review' | 'rescore' | 'problem' | 'calibration';

export interface Read {
  markerId: string;
  kind: ReadKind;
  points: number | null;
}

export type TaskState = 'open' | 'needs_third' | 'needs_arbitration' | 'problem' | 'done';

export interface Resolution {
  state: TaskState;
  finalScore: number | null;
  /** Why, in words, for the senior view and the audit of a score. */
  rule: string;
}

/**
 * The reads that count: each teacher's latest scoring read (a review replaces the teacher's earlier
 * read in place), in the order the teachers first read the answer.
 */
export function effectiveReads(reads: Read[]): Read[] {
  const byMarker = new Map<string, Read>();
  const order: string[] = [];
  for (const r of reads) {
    if (r.kind === 'problem' || r.kind === 'arbitration' || r.kind === 'calibration' || r.points === null) continue;
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
  const arbitration = [...reads].reverse().find((r) => r.kind === 'arbitration' && r.points !== null);
  if (arbitration) return { state: 'done', finalScore: arbitration.points, rule: 'a senior arbitrated' };
  const lastProblem = reads.map((r) => r.kind).lastIndexOf('problem');
  const effective = effectiveReads(reads);
  if (lastProblem !== -1) return { state: 'problem', finalScore: null, rule: 'reported as a problem: a senior decides' };
  if (mode.mode === 'single') {
    return effective.length
      ? { state: 'done', finalScore: effective[0].points, rule: 'single marking' }
      : { state: 'open', finalScore: null, rule: 'not read yet' };
  }
  const [a, b, c] = effective.map((r) => r.points!);
  if (b === undefined) return { state: 'open', finalScore: null, rule: a === undefined ? 'not read yet' : 'waiting for the second read' };
  const tol = mode.tolerance;
  if (Math.abs(a - b) <= tol) return { state: 'done', finalScore: round2((a + b) / 2), rule: `two reads within ${tol}: their mean` };
  if (c === undefined)
    return { state: 'needs_third', finalScore: null, rule: `two reads differ by ${round2(Math.abs(a - b))} > ${tol}: a third read` };
  const da = Math.abs(c - a);
  const db = Math.abs(c - b);
  if (Math.min(da, db) <= tol) {
    const closest = da <= db ? a : b;
    return {
      state: 'done',
      finalScore: round2((c + closest) / 2),
      rule: `third read within ${tol} of ${closest}: mean of the closest pair`,
    };
  }
  return { state: 'needs_arbitration', finalScore: null, rule: `third read within ${tol} of neither: a senior arbitrates` };
}

/** Which read a teacher's next mark on a task is. */
export function nextReadKind(reads: Read[]): 'first' | 'second' | 'third' {
  const n = effectiveReads(reads).length;
  return n === 0 ? 'first' : n === 1 ? 'second' : 'third';
}
