/**
 * Derives a rubric from a subjective question's reference answer: one item per answer point,
 * points shared evenly in half points. Marked derived; a real marking scheme should replace it.
 */
const OBJECTIVE = new Set(['single_choice', 'multiple_choice', 'true_false', 'fill_blank', 'composite']);

export function answerParts(reference) {
  const byMarker = reference
    .split(/(?=[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
  if (byMarker.length >= 2 && byMarker.length <= 8) return byMarker;
  const byLine = reference
    .replace(/【答案】/g, '')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
  if (byLine.length >= 2 && byLine.length <= 12) return byLine;
  return [];
}

/** Shares `points` over `n` items in half points; the first items take any remainder. */
export function sharePoints(points, n) {
  const halves = Math.round(points * 2);
  const base = Math.floor(halves / n);
  return Array.from({ length: n }, (_, k) => (base + (k < halves % n ? 1 : 0)) / 2);
}

export function deriveRubric(q) {
  if (OBJECTIVE.has(q.type)) return null;
  const parts = answerParts(q.referenceAnswer);
  const points = parts.length ? sharePoints(q.points, parts.length) : [];
  const usable = parts.length && points.every((p) => p > 0);
  return {
    question: q.number,
    mode: usable ? 'items' : 'score',
    startingPoints: 0,
    floor: 0,
    ceiling: q.points,
    graderNotes: q.analysis ? truncate(q.analysis, 800) : undefined,
    ...(usable
      ? {
          items: parts.map((text, k) => ({
            id: String.fromCharCode(97 + k),
            points: points[k],
            description: truncate(text.replace(/\s+/g, ' '), 300),
          })),
        }
      : {}),
    samples: [{ answer: q.referenceAnswer, score: q.points, note: '参考答案（满分样例）' }],
  };
}

function truncate(text, n) {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}
