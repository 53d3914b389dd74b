import {
  type QuestionFields,
  questionFields,
  rubricFields,
  type RubricItemDoc,
  type RubricSampleDoc,
} from '@yuejuan/contracts';
import { PaperDoc, QuestionDoc, RubricDoc, ScoringPolicy } from './bundle.types';
import { normalisePath } from './check-paper';

/** A question's row as stored: its fields (@yuejuan/contracts' questionFields) and its place in the paper. */
export interface QuestionRow extends QuestionFields {
  key: number;
  parentKey: number | null;
  passageKey: string | null;
  ordinal: number;
  sectionTitle: string;
  scoringPolicy: ScoringPolicy | null;
  images: {
    role: 'stem' | 'option';
    optionLabel: string | null;
    file: string;
    alt: string | null;
  }[];
  provenance: Record<string, unknown> | null;
}

export interface RubricRow {
  questionNumber: string;
  mode: 'items' | 'score';
  startingPoints: number;
  floorPoints: number;
  ceilingPoints: number;
  items: RubricItemDoc[];
  graderNotes: string | null;
  samples: RubricSampleDoc[];
}

/** Turns a validated paper into rows: one per question and per sub-question, in paper order. */
export function flattenPaper(paper: PaperDoc): QuestionRow[] {
  const rows: QuestionRow[] = [];
  const push = (
    q: QuestionDoc,
    sectionTitle: string,
    parentKey: number | null,
    inheritedPassage: string | null,
  ) => {
    const key = rows.length;
    const subs = q.subQuestions ?? [];
    rows.push({
      key,
      parentKey,
      passageKey: q.passage ?? inheritedPassage,
      ordinal: key + 1,
      sectionTitle,
      ...questionFields(q),
      scoringPolicy: q.scoring ?? null,
      images: [
        ...(q.images ?? []).map((i) => ({
          role: 'stem' as const,
          optionLabel: null,
          file: normalisePath(i.file),
          alt: i.alt ?? null,
        })),
        ...(q.options ?? [])
          .filter((o) => o.image)
          .map((o) => ({
            role: 'option' as const,
            optionLabel: o.label,
            file: normalisePath(o.image!.file),
            alt: o.image!.alt ?? null,
          })),
      ],
      provenance: q.provenance ?? null,
    });
    // Sub-questions share the composite's passage unless they name their own.
    for (const sub of subs) push(sub, sectionTitle, key, q.passage ?? inheritedPassage);
  };
  for (const section of paper.sections)
    for (const q of section.questions) push(q, section.title, null, null);
  return rows;
}

/** Rubric rows with defaults filled in; subjective questions without a rubric get a score-mode one. */
export function rubricRows(rows: QuestionRow[], rubric: RubricDoc | null): RubricRow[] {
  const byNumber = new Map((rubric?.questions ?? []).map((r) => [r.question, r]));
  return rows
    .filter((q) => !q.isObjective && q.type !== 'composite')
    .map((q) => {
      const { floor, ceiling, ...rest } = rubricFields(byNumber.get(q.number), q.points);
      return { questionNumber: q.number, ...rest, floorPoints: floor, ceilingPoints: ceiling };
    });
}

export function paperPoints(rows: QuestionRow[]): number {
  return rows.filter((r) => r.parentKey === null).reduce((a, r) => a + r.points, 0);
}
