import { Read, Rubric, rubricPoints } from './marking-rules';

/** A recorded mark as the re-scoring reads it. */
export interface RecordedMark {
  id: string;
  markerId: string;
  kind: Read['kind'];
  points: number;
  appliedItems: string[];
  adjustment: number;
  comment: string | null;
  /** The rubric version the mark was given under (null: marked by score without a rubric). */
  rubric: Rubric | null;
}

/**
 * Whether a mark was given by applying items (so a rubric edit re-scores it) rather than by a typed
 * score: it was, if its rubric was item-based and its items give exactly its points.
 */
export function isByItems(mark: RecordedMark): boolean {
  if (!mark.rubric || mark.rubric.mode !== 'items') return false;
  const p = rubricPoints(mark.rubric, {
    appliedItems: mark.appliedItems,
    adjustment: mark.adjustment,
    comment: mark.comment ?? 'x',
  });
  return p.ok && Math.abs(p.points - mark.points) < 1e-9;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A mark's points under a new rubric. Items keep their ids: an item's new points count, an item the
 * edit removed counts nothing, and of two items now in one group only the first counts. A typed score
 * stays, clamped into the new floor and ceiling. The adjustment is kept.
 */
export function rescore(rubric: Rubric, mark: RecordedMark): number {
  const clamp = (x: number) => Math.min(rubric.ceilingPoints, Math.max(rubric.floorPoints, x));
  if (!isByItems(mark) || rubric.mode !== 'items')
    return round2(clamp(mark.points - mark.adjustment) + mark.adjustment);
  const byId = new Map(rubric.items.map((i) => [i.id, i]));
  const groups = new Set<string>();
  let sum = rubric.startingPoints;
  for (const id of mark.appliedItems) {
    const item = byId.get(id);
    if (!item || (item.group && groups.has(item.group))) continue;
    if (item.group) groups.add(item.group);
    sum += item.points;
  }
  return round2(clamp(sum) + mark.adjustment);
}

/**
 * The reads a rubric edit changes: every teacher's latest scoring read and the latest arbitration,
 * with old and new points. Problem reports and reads already superseded are left alone.
 */
export function changedReads(
  rubric: Rubric,
  marks: RecordedMark[],
): { mark: RecordedMark; newPoints: number }[] {
  const latest = new Map<string, RecordedMark>();
  for (const k of marks) {
    if (k.kind === 'problem' || k.kind === 'calibration' || k.points === null) continue;
    latest.set(k.kind === 'arbitration' ? 'arbitration' : `reader:${k.markerId}`, k);
  }
  return [...latest.values()]
    .map((mark) => ({ mark, newPoints: rescore(rubric, mark) }))
    .filter((c) => Math.abs(c.newPoints - c.mark.points) > 1e-9);
}
