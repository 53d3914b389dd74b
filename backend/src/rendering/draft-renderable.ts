import { QuestionDoc } from '../papers/bundle/bundle.types';
import { RenderableQuestion } from './prompt-render';

/**
 * An unsaved draft's question as the renderer takes it, resolved the way import stores it: images by
 * the asset they show as, a sub-question sharing its composite's passage unless it names its own.
 */
export function draftRenderable(
  q: QuestionDoc,
  passages: Map<string, string>,
  assetOf: (file: string) => string | null,
  inherited: string | null = null,
): RenderableQuestion {
  const passage = q.passage ? (passages.get(q.passage) ?? null) : inherited;
  const images = [
    ...(q.images ?? []).map((i) => ({
      sha256: assetOf(i.file),
      alt: i.alt ?? null,
      optionLabel: null,
    })),
    ...(q.options ?? [])
      .filter((o) => o.image)
      .map((o) => ({
        sha256: assetOf(o.image!.file),
        alt: o.image!.alt ?? null,
        optionLabel: o.label,
      })),
  ].filter(
    (i): i is { sha256: string; alt: string | null; optionLabel: string | null } =>
      i.sha256 !== null,
  );
  const subs = q.subQuestions ?? [];
  return {
    number: q.number,
    type: q.type,
    points:
      q.type === 'composite' ? subs.reduce((a, s) => a + (s.points ?? 0), 0) : (q.points ?? 0),
    stem: q.stem ?? '',
    options:
      q.options?.map((o) => ({ label: o.label, ...(o.text ? { text: o.text } : {}) })) ?? null,
    blanks: q.blanks ?? null,
    images,
    passage,
    subQuestions: subs.map((s) => draftRenderable(s, passages, assetOf, passage)),
  };
}
