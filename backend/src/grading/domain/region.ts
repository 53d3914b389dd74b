import { matchBrace } from './clean';

/**
 * Where in a cleaned response the committed answer is (eval-anchors §3.1 step 2). The first rule
 * that finds something wins, and within a rule the last occurrence wins, because a model that
 * changes its mind ("选A … 最终答案 C") commits to what it wrote last.
 */

export interface Region {
  rule: string;
  text: string;
}

/** Text after `start` to the end of its line; if that is empty, the next non-empty line. */
function restOfLine(s: string, start: number): string {
  const lines = s.slice(start).split('\n');
  const first = lines[0].trim();
  if (first) return first;
  return (lines.slice(1).find((l) => l.trim()) ?? '').trim();
}

/** Every `【答案】` (or `【答案3】`, `【第2空】`) tag with the text it introduces, in order. */
export function contractTags(s: string): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const m of s.matchAll(/【(答案\s*\d*|第\s*\d+\s*空)】/g)) {
    const text = restOfLine(s, m.index! + m[0].length)
      .replace(/【(答案\s*\d*|第\s*\d+\s*空)】.*$/, '')
      .replace(/^[\s:]+/, '')
      .trim();
    out.push({ label: m[1].replace(/\s+/g, ''), text });
  }
  return out;
}

/** Contents of every `\boxed{…}` and `\fbox{…}`, by brace matching (nested braces are common in maths). */
export function boxedContents(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/\\(?:boxed|fbox)\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchBrace(s, open);
    if (close !== -1) out.push(s.slice(open + 1, close).trim());
  }
  return out;
}

// Strong Chinese anchors name the answer; weak ones (因此, 所以) only conclude, so they come second.
const ZH_STRONG = /(最终答案|正确答案|答案)\s*(?:应该|应)?(?:是|为|选|:)|正确选项(?:是|为)|应选|故选|(?<![正应故])选(?![项择出修取用])/g;
const ZH_WEAK = /因此|所以|综上(?:所述)?/g;
const EN = /final answer(?:\s+is)?\s*:?|answer is\s*:?|\banswer\s*:|correct (?:option|answer|choice) is\s*:?/gi;

function lastAnchor(s: string, re: RegExp): string | null {
  let last: RegExpMatchArray | null = null;
  for (const m of s.matchAll(re)) last = m;
  if (!last) return null;
  const text = restOfLine(s, last.index! + last[0].length).replace(/^[\s:是为]+/, '');
  return text || null;
}

/** The answer region of a single-answer item, or null when the response gives no hint at all. */
export function locateRegion(s: string): Region | null {
  const tags = contractTags(s).filter((t) => t.label === '答案' && t.text);
  if (tags.length) return { rule: 'tag', text: tags[tags.length - 1].text };
  const boxed = boxedContents(s);
  if (boxed.length) return { rule: 'boxed', text: boxed[boxed.length - 1] };
  for (const [rule, re] of [
    ['anchor-zh', ZH_STRONG],
    ['anchor-zh-weak', ZH_WEAK],
    ['anchor-en', EN],
  ] as const) {
    const text = lastAnchor(s, re);
    if (text) return { rule, text };
  }
  const lines = s.split('\n').filter((l) => l.trim());
  return lines.length ? { rule: 'last-line', text: lines[lines.length - 1].trim() } : null;
}
