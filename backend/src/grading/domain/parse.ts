import { TraceStep } from './types';

/**
 * Reading an answer of a given type out of its region (eval-anchors §3.2–3.6). Every function
 * either returns the answer or says why it cannot; none guesses, and none looks outside the
 * region except for a hedge ("it might also be C") in the text that follows it.
 */

/**
 * Why a region gives no answer. The kind tells the region chooser what to do with it: `none` and
 * `negated` say nothing was committed there (an anchor in prose can be passed over), `ambiguous`
 * and `invalid` are a commitment that cannot be scored (it decides: unparsed).
 */
export type ParseFailure = {
  ok: false;
  kind: 'none' | 'negated' | 'ambiguous' | 'invalid';
  reason: TraceStep;
};
export type Parsed<T> = { ok: true; value: T; via?: string; notes?: TraceStep[] } | ParseFailure;

export const fail = (
  kind: ParseFailure['kind'],
  code: string,
  params?: TraceStep['params'],
): ParseFailure => ({
  ok: false,
  kind,
  reason: params ? { code, params } : { code },
});

/** Where the sentence that states the answer ends: after it comes explanation, not more answer. */
export function firstSentence(r: string): { kept: string; dropped: string } {
  const m = /[。！？!?\n]|\.(?=\s|$)/.exec(r);
  if (!m) return { kept: r, dropped: '' };
  return { kept: r.slice(0, m.index).trim(), dropped: r.slice(m.index + 1).trim() };
}

const TRUE_WORDS = new Set([
  '对',
  '正确',
  '√',
  '✓',
  '✔',
  't',
  'true',
  '是',
  'yes',
  'y',
  '对的',
  '正确的',
  'correct',
  'right',
]);
const FALSE_WORDS = new Set([
  ...[
    '错',
    '错误',
    '不正确',
    '不对',
    '×',
    '✗',
    '✘',
    'x',
    'f',
    'false',
    '否',
    'no',
    'n',
    '错的',
    '错误的',
    '不正确的',
    '\\times',
  ],
  ...['incorrect', 'wrong', 'notcorrect', 'nottrue', 'untrue', '不成立', '不是'],
]);
// "该说法错误", "The statement is false", "判断：×": a frame around the verdict word, nothing else.
const TF_FRAME =
  /^(?:(?:判断|结论|结果)[:：]?)?(?:该|这个|这一?|此|本题的?|题中的?|题干的?|the|this)?(?:说法|判断|命题|表述|结论|描述|statement|claim|proposition|assertion)?(?:是|为|应为|is|was)?(.+?)(?:的)?$/i;

/** Only a region that is, as a whole, a true/false word in its frame counts ("不正确" inside an explanation does not). */
export function parseTrueFalse(region: string): Parsed<boolean> {
  const token = firstSentence(region)
    .kept.replace(/[\s。.,，!！;；:："'“”()（）]/g, '')
    .toLowerCase();
  for (const t of [token, TF_FRAME.exec(token)?.[1] ?? '']) {
    if (TRUE_WORDS.has(t)) return { ok: true, value: true };
    if (FALSE_WORDS.has(t)) return { ok: true, value: false };
  }
  return fail('none', 'unparsed.not-true-false', { text: region.slice(0, 40) });
}

/** The answers of a k-blank item from one region: separated by ；/; or numbered (1) (2). */
export function splitBlanks(region: string, blanks: number): Parsed<string[]> {
  // The answer ends with its sentence ("\\frac{1}{2}。解析……"); a decimal point is not a full stop.
  const trimmed = region
    .split(/。|\.(?=\s)/)[0]
    .trim()
    .replace(/[。.]$/, '');
  if (blanks === 1)
    return trimmed ? { ok: true, value: [trimmed] } : fail('none', 'unparsed.empty-answer');
  let parts = trimmed.split(/\s*[;；]\s*/).filter(Boolean);
  // "(1) x；(2) y": the numbers label the blanks when every part carries its own, in order.
  const numbers = parts.map((p) => /^(?:\(\s*(\d+)\s*\)|(\d+)[.、])\s*/.exec(p));
  if (parts.length === blanks && numbers.every((m, i) => m && Number(m[1] ?? m[2]) === i + 1))
    parts = parts.map((p, i) => p.slice(numbers[i]![0].length).trim());
  if (parts.length !== blanks) {
    const numbered = trimmed
      .split(/\(?\s*\d+\s*\)\s*|(?:^|\s)\d+[.、]\s*/)
      .map((p) => p.trim().replace(/[,，;；]$/, ''))
      .filter(Boolean);
    parts = numbered;
  }
  if (parts.length !== blanks)
    return fail('invalid', 'unparsed.blank-count', { found: parts.length, blanks });
  return { ok: true, value: parts };
}

// "第1空：2；第2空：4", "Blank 2: 4", "空3为8": a blank's number without the contract's 【】.
const BLANK_LABEL =
  /(?<!【)(?:第\s*(\d+)\s*(?:空|个空)|(?<![\u4e00-\u9fff])空\s*(\d+)|\bblank\s*\(?(\d+)\)?)\s*(?:答案)?\s*(?:[:：=]|是|为|填)?\s*/gi;

/** Blanks by their untagged labels, last occurrence of each; null unless every blank 1..k is labelled. */
export function labelledBlanks(s: string, blanks: number): { texts: string[]; end: number } | null {
  const found = new Map<number, { text: string; end: number }>();
  const marks = [...s.matchAll(BLANK_LABEL)];
  marks.forEach((m, i) => {
    const n = Number(m[1] ?? m[2] ?? m[3]);
    const from = m.index! + m[0].length;
    const until = i + 1 < marks.length ? marks[i + 1].index! : s.length;
    const raw = s.slice(from, until).split(/[;；\n]/)[0];
    const text = raw.trim().replace(/[,，。]$/, '');
    if (text) found.set(n, { text, end: from + raw.length });
  });
  const out = Array.from({ length: blanks }, (_, i) => found.get(i + 1));
  if (!out.every((t) => t !== undefined)) return null;
  return { texts: out.map((t) => t!.text), end: Math.max(...out.map((t) => t!.end)) };
}
