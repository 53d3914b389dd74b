import { OBJECTIVE_TYPES, QuestionType } from '../papers/bundle/bundle.types';
import { GradableItem, GradableType } from './domain/types';

/** A question row as the grader reads it, with the latest answer-key correction applied. */
export interface QuestionRow {
  id: string;
  parentId: string | null;
  number: string;
  type: QuestionType;
  points: string;
  options: { label: string; text?: string }[] | null;
  blanks: number | null;
  answerKey: unknown;
  scoringPolicy: { multipleChoice?: GradableItem['policy'] } | null;
  paperPolicy: { multipleChoice?: GradableItem['policy'] } | null;
  subject: string;
  correctedKey: unknown;
  correctedPolicy: { multipleChoice?: GradableItem['policy'] } | null;
}

/** A gradable item that remembers which question each part is, so results land on the right row. */
export type StoredItem = GradableItem & { id: string; subQuestions?: StoredItem[] };

function leaf(q: QuestionRow): StoredItem {
  const policy =
    q.correctedPolicy?.multipleChoice ??
    q.scoringPolicy?.multipleChoice ??
    q.paperPolicy?.multipleChoice;
  const key = q.correctedKey ?? q.answerKey;
  return {
    id: q.id,
    number: q.number,
    type: q.type as GradableType,
    options: q.options?.map((o) => ({ label: o.label, text: o.text })),
    // Bundles write true/false keys as booleans and choice keys as letters; blanks as an array.
    key: (q.type === 'true_false' ? key === true || key === 'true' : key) as GradableItem['key'],
    points: Number(q.points),
    blanks: q.blanks ?? undefined,
    policy: policy ?? undefined,
    subject: q.subject,
  };
}

/**
 * Gradable items per top-level question: objective questions, and composite ones with their
 * objective sub-questions (subjective parts are for teachers). Others are absent from the map.
 */
export function buildItems(rows: QuestionRow[]): Map<string, StoredItem> {
  const children = new Map<string, QuestionRow[]>();
  for (const r of rows)
    if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const items = new Map<string, StoredItem>();
  for (const r of rows) {
    if (r.parentId) continue;
    if (OBJECTIVE_TYPES.includes(r.type)) items.set(r.id, leaf(r));
    else if (r.type === 'composite') {
      const subs = (children.get(r.id) ?? [])
        .filter((s) => OBJECTIVE_TYPES.includes(s.type))
        .map(leaf);
      if (subs.length)
        items.set(r.id, {
          id: r.id,
          number: r.number,
          type: 'composite',
          points: subs.reduce((a, s) => a + s.points, 0),
          subQuestions: subs,
        });
    }
  }
  return items;
}

/** The questions (top-level or sub) a response's grade rows are recorded against. */
export function gradedUnits(item: StoredItem): StoredItem[] {
  return item.type === 'composite' ? (item.subQuestions ?? []) : [item];
}
