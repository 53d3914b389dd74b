import { QuestionView, RubricView } from '../papers.models';
import { DraftBundle, isSubjective, OBJECTIVE_TYPES, QuestionDoc } from './editor.models';

/**
 * An unsaved question as the paper page's person view takes it (the shape of GET /api/papers/:id),
 * so the editor shows it with the very component students' and markers' screens use.
 */
export function toQuestionView(
  draft: DraftBundle,
  q: QuestionDoc,
  assets: Record<string, string>,
  sectionTitle: string | null,
  inheritedPassage: string | null = null,
): QuestionView {
  const passage = q.passage
    ? (draft.paper.passages?.find((p) => p.id === q.passage)?.content ?? null)
    : inheritedPassage;
  const image = (file: string, role: string, optionLabel: string | null, alt?: string) => {
    const sha = draft.images[file.replace(/^\.\//, '')];
    const asset = sha ? (assets[sha] ?? sha) : '';
    return {
      sha256: asset,
      url: `/api/assets/${asset}?profile=screen`,
      role,
      optionLabel,
      alt: alt ?? null,
    };
  };
  const subs = q.subQuestions ?? [];
  const r = draft.rubric?.questions.find((x) => x.question === q.number);
  const rubric: RubricView | null =
    r && isSubjective(q.type)
      ? {
          mode: r.mode ?? (r.items?.length ? 'items' : 'score'),
          startingPoints: r.startingPoints ?? 0,
          floor: r.floor ?? 0,
          ceiling: r.ceiling ?? q.points ?? 0,
          items: r.items ?? [],
          graderNotes: r.graderNotes ?? null,
          samples: r.samples ?? [],
          isDerived: draft.rubric?.derived ?? false,
        }
      : null;
  return {
    id: `draft-${q.number}`,
    number: q.number,
    sectionTitle,
    type: q.type,
    isObjective: OBJECTIVE_TYPES.includes(q.type),
    points:
      q.type === 'composite' ? subs.reduce((a, s) => a + (s.points ?? 0), 0) : (q.points ?? 0),
    stem: q.stem ?? '',
    passage,
    options:
      q.options?.map((o) => ({ label: o.label, ...(o.text ? { text: o.text } : {}) })) ?? null,
    blanks: q.blanks ?? null,
    answerKey: q.answer ?? null,
    referenceAnswer: q.referenceAnswer ?? null,
    analysis: q.analysis ?? null,
    tags: q.tags ?? [],
    tolerance: q.tolerance ?? null,
    images: [
      ...(q.images ?? []).filter((i) => i?.file).map((i) => image(i.file, 'stem', null, i.alt)),
      ...(q.options ?? [])
        .filter((o) => o.image?.file)
        .map((o) => image(o.image!.file, 'option', o.label, o.image!.alt)),
    ].filter((i) => i.sha256),
    rubric,
    provenance: null,
    subQuestions: subs.map((s) => toQuestionView(draft, s, assets, sectionTitle, passage)),
  };
}
