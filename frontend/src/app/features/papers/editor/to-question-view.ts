import { QuestionView, RubricView } from '../papers.models';
import { questionFields, rubricFields } from '@yuejuan/contracts';
import { DraftBundle, isSubjective, QuestionDoc } from './editor.models';

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
  // The question's and its rubric's defaults are the importer's own (@yuejuan/contracts).
  const fields = questionFields(q);
  const rubric: RubricView | null =
    r && isSubjective(q.type)
      ? { ...rubricFields(r, fields.points), isDerived: draft.rubric?.derived ?? false }
      : null;
  return {
    id: `draft-${q.number}`,
    sectionTitle,
    ...fields,
    passage,
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
