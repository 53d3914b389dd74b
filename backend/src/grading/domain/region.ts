import { matchBrace, unwrapCommand } from './clean';

/**
 * Where in a cleaned response the answers are (eval-anchors §3.1 step 2). Every place where the
 * response commits to an answer is found, in order: the prompt's contract tag, `\boxed{}`, and
 * the anchors ("答案是", "Final answer:"). Which of them decides is for `commitment.ts`; the
 * weaker conclusions (因此, 所以) and the last line are used only when there is none.
 */

export type RegionRule =
  'tag' | 'boxed' | 'anchor-zh' | 'anchor-en' | 'anchor-zh-weak' | 'last-line';

export interface Region {
  rule: RegionRule;
  text: string;
  /** Where the commitment starts and its answer ends in the cleaned response. */
  start: number;
  end: number;
  /** Marked as the final answer ("Final answer", "最终答案", "综上"): it overrides what came before. */
  isFinal?: boolean;
}

/** Text after `start` to the end of its line; if that is empty, the next non-empty line. */
function restOfLine(s: string, start: number): { text: string; end: number } {
  const nl = s.indexOf('\n', start);
  const first = s.slice(start, nl === -1 ? s.length : nl);
  if (first.trim() || nl === -1) return { text: first.trim(), end: nl === -1 ? s.length : nl };
  let from = nl + 1;
  while (from < s.length) {
    const next = s.indexOf('\n', from);
    const line = s.slice(from, next === -1 ? s.length : next);
    if (line.trim()) return { text: line.trim(), end: next === -1 ? s.length : next };
    if (next === -1) break;
    from = next + 1;
  }
  return { text: '', end: s.length };
}

const TAG = /【(答案\s*\d*|第\s*\d+\s*空)】/g;

/** Every `【答案】` (or `【答案3】`, `【第2空】`) tag with the text it introduces, in order. */
export function contractTags(
  s: string,
): { label: string; text: string; start: number; end: number }[] {
  const out: { label: string; text: string; start: number; end: number }[] = [];
  for (const m of s.matchAll(TAG)) {
    const line = restOfLine(s, m.index! + m[0].length);
    const next = line.text.search(/【(答案\s*\d*|第\s*\d+\s*空)】/);
    const raw = next === -1 ? line.text : line.text.slice(0, next);
    // A boxed answer inside the tag is the same answer: its braces are not part of it.
    const text = unwrapCommand(raw, ['boxed', 'fbox'])
      .replace(/^[\s:]+/, '')
      .trim();
    out.push({ label: m[1].replace(/\s+/g, ''), text, start: m.index!, end: line.end });
  }
  return out;
}

/** Every `\boxed{…}` and `\fbox{…}`, by brace matching (nested braces are common in maths). */
export function boxedRegions(s: string, from = 0): Region[] {
  const out: Region[] = [];
  const re = /\\(?:boxed|fbox)\s*\{/g;
  re.lastIndex = from;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const open = m.index! + m[0].length - 1;
    const close = matchBrace(s, open);
    if (close !== -1)
      out.push({
        rule: 'boxed',
        text: s.slice(open + 1, close).trim(),
        start: m.index!,
        end: close + 1,
      });
  }
  return out;
}

export const boxedContents = (s: string): string[] => boxedRegions(s).map((b) => b.text);

// Strong Chinese anchors name the answer; weak ones (因此, 所以) only conclude, so they come second.
// "答案不是A" is an anchor too: its region keeps the negation, so that it is read as ruling A out.
const ZH_STRONG = new RegExp(
  [
    String.raw`(最终答案|正确答案|答案)\s*(?:应该|应当|应|就|确实|仍然|仍)?(?:是|为|选|:|(?=不是|并非|不选))`,
    String.raw`正确的?选项(?:应该|应)?(?:是|为|有|:)`,
    String.raw`正确的(?:是|有|为)(?=[\s(（:]*[A-Z](?![A-Za-z]))`,
    String.raw`(?<![不没未别])(?:应|故|所以|因此|最终)选择?(?![项择出修取用])`,
    // Not "误选A"/"选A的同学" (a choice someone might make), not "不选A".
    String.raw`(?<![正应故不没未别能误错易])选(?![项择出修取用]|[A-Z](?:的|者|项))`,
  ].join('|'),
  'g',
);
const ZH_WEAK = /因此|所以|综上(?:所述)?/g;
const EN = new RegExp(
  [
    String.raw`final answer(?:\s+is)?\s*:?`,
    String.raw`(?:correct|right|best)\s+(?:options?|answers?|choices?)\s+(?:is|are|would be|should be)\s*:?`,
    String.raw`answers?\s+(?:is|are|should be|would be|must be)\s*:?`,
    String.raw`\banswer\s*:`,
    String.raw`\bI\s+(?:choose|pick|select)\b`,
  ].join('|'),
  'gi',
);
const FINAL = /final|最终|综上/i;

function anchors(s: string, re: RegExp, rule: RegionRule, from = 0): Region[] {
  const out: Region[] = [];
  re.lastIndex = from;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const { text, end } = restOfLine(s, m.index! + m[0].length);
    const t = text.replace(/^[\s:是为]+/, '');
    if (t) out.push({ rule, text: t, start: m.index!, end, isFinal: FINAL.test(m[0]) });
  }
  return out;
}

/**
 * Every commitment to an answer, in the order written. An anchor whose line holds a boxed
 * answer ("答案是 \boxed{C}") is that boxed answer; so is a tag's.
 */
export function commitments(s: string): Region[] {
  const tags: Region[] = s.includes('【')
    ? contractTags(s)
        .filter((t) => t.label === '答案' && t.text)
        .map((t) => ({ rule: 'tag', text: t.text, start: t.start, end: t.end }))
    : [];
  // With a contract tag, only what follows the last one can override it (commitment.ts): the
  // rest is not searched, which keeps the common tagged answer cheap.
  const from = tags.length ? tags[tags.length - 1].start : 0;
  const boxed = s.includes('box', from)
    ? boxedRegions(s, from).filter((b) => !tags.some((t) => b.start >= t.start && b.start < t.end))
    : [];
  const spans = [...tags, ...boxed];
  const inside = (a: Region) =>
    spans.some((x) => x.start >= a.start && x.start < a.end) ||
    spans.some((x) => a.start >= x.start && a.start < x.end);
  const zh = anchors(s, ZH_STRONG, 'anchor-zh', from).filter((a) => !inside(a));
  const en = anchors(s, EN, 'anchor-en', from).filter((a) => !inside(a));
  // A boxed answer under a final-answer heading ("Final Answer: \boxed{C}") is final too.
  for (const b of boxed)
    if (FINAL.test(s.slice(Math.max(0, b.start - 30), b.start))) b.isFinal = true;
  const all = [...spans, ...zh, ...en].sort((a, b) => a.start - b.start);
  // "选A……最终答案：C" holds two commitments on one line: the first ends where the second begins.
  for (let i = 0; i + 1 < all.length; i++) {
    const [a, next] = [all[i], all[i + 1]];
    if (a.rule.startsWith('anchor') && next.start < a.end) {
      const at = a.text.indexOf(s.slice(next.start, next.start + 8));
      if (at > 0) all[i] = { ...a, text: a.text.slice(0, at).trim(), end: next.start };
    }
  }
  return all;
}

/** The fallback when no commitment exists: the last weak conclusion, else the last non-empty line. */
export function fallbackRegion(s: string): Region | null {
  const weak = anchors(s, ZH_WEAK, 'anchor-zh-weak');
  if (weak.length) return weak[weak.length - 1];
  const trimmed = s.trimEnd();
  const start = trimmed.lastIndexOf('\n') + 1;
  const text = trimmed.slice(start).trim();
  return text ? { rule: 'last-line', text, start, end: trimmed.length } : null;
}
