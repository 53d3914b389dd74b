/** Formulas in an answer, as the rich-text renderer finds them: `$$…$$`, `\[…\]`, `\(…\)`, `$…$`. */
const MATH = /\$\$[\s\S]+?\$\$|\\\[[\s\S]+?\\\]|\\\([\s\S]+?\\\)|(?<!\\)\$[^$\n]+?\$/g;

/**
 * The start of an answer, about `max` characters, for a one-line preview rendered as rich text: a
 * cut never falls inside a formula (it ends after a short one, before a long one), so the preview
 * typesets instead of showing half a `$…` as raw LaTeX. Ends with "…" when something was cut.
 */
export function answerExcerpt(text: string, max = 120): string {
  const flat = text.trim();
  if (flat.length <= max) return flat;
  let cut = max;
  for (const m of flat.matchAll(MATH)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (start >= max) break;
    if (end > max) cut = end <= max * 1.5 ? end : start;
  }
  return `${flat.slice(0, cut).trimEnd()}…`;
}
