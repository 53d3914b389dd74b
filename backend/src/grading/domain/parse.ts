/**
 * Reading an answer of a given type out of its region, against the item's legal options
 * (eval-anchors §3.2–3.6). Every function either returns the answer or says why it cannot; none
 * guesses, and none looks outside the region.
 */

export type Parsed<T> = { ok: true; value: T; via?: string } | { ok: false; reason: string };

const LEADING = /^[\s([{（【<"'“‘:：]+/;
// A letter standing alone: not part of a word ("Answer", "Let's") and not an English article.
const STANDALONE = /(?<![A-Za-z'’])([A-Z])(?![A-Za-z'’])/g;
const NEGATED = /^\s*(?:选项|项)?\s*(?:也|亦|同样|都|均)?\s*(?:错误|不正确|错|不对|不符合|不符|排除)/;

// "A good guess" and "I think" use the letters as words; "A or B" and "A is right" name options.
const NOT_AFTER_ARTICLE =
  /^\s+(?:or|and|nor|is|are|was|were|to|vs|seems|looks|should|would|could|might|must|can|will|has|because|correct|right|wrong)\b/;

function isArticle(region: string, index: number): boolean {
  const letter = region[index];
  const rest = region.slice(index + 1);
  return (letter === 'A' || letter === 'I') && /^\s+[a-z]/.test(rest) && !NOT_AFTER_ARTICLE.test(rest);
}

const LONE_LETTER = /^([A-Z])[\s)）\]】。.,，;；!！]*$/;

const squash = (s: string) => s.replace(/[\s。.,，、;；:：!！?？"'“”‘’()（）]/g, '').toLowerCase();

/** One option letter; the option's own text is mapped back when it matches exactly one option. */
export function parseSingle(region: string, options: { label: string; text?: string }[], isLastLine = false): Parsed<string> {
  const r = region.replace(LEADING, '');
  // The common case, "B" or "(B)。", read directly: every rule below gives this same answer for it.
  const lone = LONE_LETTER.exec(r);
  if (lone && options.some((o) => o.label === lone[1])) return { ok: true, value: lone[1] };
  const legal = new Set(options.map((o) => o.label));
  // Several letters listed where one belongs ("B, C") is an answer, and a wrong one: a teacher gives 0.
  const listed = parseMulti(r, options);
  if (!isLastLine && listed.ok && listed.value.length > 1) return { ok: true, value: listed.value, via: 'several-options' };
  const first = /^([A-Z])(?![A-Za-z'’])/.exec(r);
  const named = new Set([...r.matchAll(STANDALONE)].filter((m) => legal.has(m[1]) && !isArticle(r, m.index!)).map((m) => m[1]));
  // "A. ①② B. ①③ C. ②④ D. ③④" repeats the options; a leading letter there is not a choice.
  if (named.size >= 3) return { ok: false, reason: `the answer names ${[...named].sort().join(', ')}` };
  if (!isLastLine && first && !isArticle(r, 0) && !NEGATED.test(r.slice(1))) {
    if (!legal.has(first[1])) return { ok: false, reason: `option ${first[1]} does not exist` };
    return { ok: true, value: first[1] };
  }
  const letters = new Set<string>();
  for (const m of r.matchAll(STANDALONE)) {
    if (legal.has(m[1]) && !isArticle(r, m.index!) && !NEGATED.test(r.slice(m.index! + 1))) letters.add(m[1]);
  }
  if (letters.size === 1) return { ok: true, value: [...letters][0] };
  if (letters.size > 1) return { ok: false, reason: `several options named (${[...letters].sort().join(', ')})` };
  const target = squash(r);
  const hits = options.filter((o) => o.text && squash(o.text).length >= 2 && target.includes(squash(o.text)));
  if (hits.length === 1) return { ok: true, value: hits[0].label, via: 'option-text' };
  if (hits.length > 1) return { ok: false, reason: 'the text matches several options' };
  return { ok: false, reason: 'no option letter in the answer' };
}

/**
 * A set of option letters, with any separators ("ACD", "A、C、D", "A, C and D"). The letters must
 * come first in the region; a letter that is not an option is an error, never silently dropped.
 */
export function parseMulti(region: string, options: { label: string }[]): Parsed<string> {
  const legal = new Set(options.map((o) => o.label));
  const tokens = region
    .replace(LEADING, '')
    .split(/[\s、,，;；&/]+|和|及|与|\band\b/)
    .map((t) => t.replace(/[。.)）]+$/, ''))
    .filter(Boolean);
  const letters: string[] = [];
  for (const t of tokens) {
    // "D都是正确的" still names D; "The" names nothing.
    const m = /^[A-Z]+(?![A-Za-z'’])/.exec(t);
    if (!m) break;
    letters.push(...m[0]);
    if (m[0] !== t) break;
  }
  if (!letters.length) return { ok: false, reason: 'no option letters in the answer' };
  const illegal = letters.filter((l) => !legal.has(l));
  if (illegal.length) return { ok: false, reason: `option ${[...new Set(illegal)].join(', ')} does not exist` };
  return { ok: true, value: [...new Set(letters)].sort().join('') };
}

const TRUE_WORDS = new Set(['对', '正确', '√', '✓', '✔', 't', 'true', '是', 'yes', 'y', '对的']);
const FALSE_WORDS = new Set(['错', '错误', '不正确', '×', '✗', '✘', 'x', 'f', 'false', '否', 'no', 'n', '错的', '\\times']);

/** Only a region that is, as a whole, one of the true/false words counts ("不正确" inside a sentence does not). */
export function parseTrueFalse(region: string): Parsed<boolean> {
  const token = region.replace(/[\s。.,，!！;；:："'“”()（）]/g, '').toLowerCase();
  if (TRUE_WORDS.has(token)) return { ok: true, value: true };
  if (FALSE_WORDS.has(token)) return { ok: true, value: false };
  return { ok: false, reason: `"${region.slice(0, 40)}" is not a true/false answer` };
}

/** The answers of a k-blank item from one region: separated by ；/; or numbered (1) (2). */
export function splitBlanks(region: string, blanks: number): Parsed<string[]> {
  const trimmed = region.trim().replace(/[。.]$/, '');
  if (blanks === 1) return trimmed ? { ok: true, value: [trimmed] } : { ok: false, reason: 'empty answer' };
  let parts = trimmed.split(/\s*[;；]\s*/).filter(Boolean);
  if (parts.length !== blanks) {
    const numbered = trimmed
      .split(/\(?\s*\d+\s*\)\s*|(?:^|\s)\d+[.、]\s*/)
      .map((p) => p.trim().replace(/[,，;；]$/, ''))
      .filter(Boolean);
    parts = numbered;
  }
  if (parts.length !== blanks) return { ok: false, reason: `${parts.length} answers for ${blanks} blanks` };
  return { ok: true, value: parts };
}
