import type { RubricItemDoc, RubricSampleDoc } from '@yuejuan/contracts';
import { OBJECTIVE_TYPES, PaperDoc, QuestionDoc, RubricDoc, ScoringPolicy } from './bundle.types';
import { normalisePath } from './check-paper';

export interface QuestionRow {
  key: number;
  parentKey: number | null;
  passageKey: string | null;
  ordinal: number;
  number: string;
  sectionTitle: string;
  type: string;
  isObjective: boolean;
  points: number;
  stem: string;
  options: { label: string; text?: string }[] | null;
  blanks: number | null;
  answerKey: unknown;
  referenceAnswer: string | null;
  analysis: string | null;
  tags: string[];
  tolerance: number | null;
  scoringPolicy: ScoringPolicy | null;
  images: { role: 'stem' | 'option'; optionLabel: string | null; file: string; alt: string | null }[];
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
  const push = (q: QuestionDoc, sectionTitle: string, parentKey: number | null, inheritedPassage: string | null) => {
    const key = rows.length;
    const subs = q.subQuestions ?? [];
    const points = q.type === 'composite' ? subs.reduce((a, s) => a + (s.points ?? 0), 0) : q.points!;
    rows.push({
      key,
      parentKey,
      passageKey: q.passage ?? inheritedPassage,
      ordinal: key + 1,
      number: q.number,
      sectionTitle,
      type: q.type,
      isObjective: OBJECTIVE_TYPES.includes(q.type),
      points,
      stem: q.stem ?? '',
      options: q.options?.map((o) => ({ label: o.label, ...(o.text ? { text: o.text } : {}) })) ?? null,
      blanks: q.blanks ?? null,
      answerKey: q.answer ?? null,
      referenceAnswer: q.referenceAnswer ?? null,
      analysis: q.analysis ?? null,
      tags: q.tags ?? [],
      tolerance: q.tolerance ?? null,
      scoringPolicy: q.scoring ?? null,
      images: [
        ...(q.images ?? []).map((i) => ({ role: 'stem' as const, optionLabel: null, file: normalisePath(i.file), alt: i.alt ?? null })),
        ...(q.options ?? [])
          .filter((o) => o.image)
          .map((o) => ({ role: 'option' as const, optionLabel: o.label, file: normalisePath(o.image!.file), alt: o.image!.alt ?? null })),
      ],
      provenance: q.provenance ?? null,
    });
    // Sub-questions share the composite's passage unless they name their own.
    for (const sub of subs) push(sub, sectionTitle, key, q.passage ?? inheritedPassage);
  };
  for (const section of paper.sections) for (const q of section.questions) push(q, section.title, null, null);
  return rows;
}

/** Rubric rows with defaults filled in; subjective questions without a rubric get a score-mode one. */
export function rubricRows(rows: QuestionRow[], rubric: RubricDoc | null): RubricRow[] {
  const byNumber = new Map((rubric?.questions ?? []).map((r) => [r.question, r]));
  return rows
    .filter((q) => !q.isObjective && q.type !== 'composite')
    .map((q) => {
      const r = byNumber.get(q.number);
      return {
        questionNumber: q.number,
        mode: r?.mode ?? (r?.items?.length ? 'items' : 'score'),
        startingPoints: r?.startingPoints ?? 0,
        floorPoints: r?.floor ?? 0,
        ceilingPoints: r?.ceiling ?? q.points,
        items: r?.items ?? [],
        graderNotes: r?.graderNotes ?? null,
        samples: r?.samples ?? [],
      };
    });
}

export function paperPoints(rows: QuestionRow[]): number {
  return rows.filter((r) => r.parentKey === null).reduce((a, r) => a + r.points, 0);
}
