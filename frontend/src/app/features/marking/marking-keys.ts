import type { MarkingTask } from './marking-api.service';

type Rubric = MarkingTask['rubric'];

/**
 * Whether a typed score is complete: it is a valid score and typing another character could not
 * make a different valid one (with 0–10, "1" may become "10" and waits; "7" cannot and is final).
 * Scores go in whole points or halves, so "7." waits for its 5 and "7.5" is final.
 */
export function isCompleteScore(typed: string, floor: number, ceiling: number): boolean {
  if (!/^\d+(\.5)?$/.test(typed)) return false;
  const value = Number(typed);
  if (value < floor || value > ceiling) return false;
  if (typed.includes('.')) return true;
  // Another digit makes it at least ten times larger; a half point is never typed by accident.
  return Number(typed + '0') > ceiling || typed === '0';
}

/** The items that give full marks: every positive item, and the best one of each one-of group. */
export function fullMarksItems(rubric: Rubric): string[] {
  const best = new Map<string, { id: string; points: number }>();
  const loose: string[] = [];
  for (const item of rubric.items) {
    if (item.points <= 0) continue;
    if (!item.group) loose.push(item.id);
    else if ((best.get(item.group)?.points ?? -Infinity) < item.points) best.set(item.group, item);
  }
  return [...loose, ...[...best.values()].map((i) => i.id)];
}

/** The points the applied items give: the server's own function (clamp(start + Σ items, floor, ceiling)). */
export { itemPoints } from '@yuejuan/contracts';

/** Toggles an item; applying one of a one-of group takes the group's other item off. */
export function toggleItem(rubric: Rubric, applied: string[], id: string): string[] {
  if (applied.includes(id)) return applied.filter((x) => x !== id);
  const group = rubric.items.find((i) => i.id === id)?.group;
  const others = group
    ? applied.filter((x) => rubric.items.find((i) => i.id === x)?.group !== group)
    : applied;
  return [...others, id];
}
