/**
 * Pre-cleaning of a model response before any answer is looked for (eval-anchors §3.1 step 1):
 * reasoning dropped, full-width folded to ASCII, Markdown emphasis and LaTeX text wrappers removed.
 */

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';
const CIRCLED_ANY = /[①-⑩]/;

/**
 * Full-width ASCII (Ａ，：（) and the ideographic space become their ASCII forms (【】、。 stay);
 * the typographic variants models print become plain ASCII too: U+2212 and the small minus
 * become "-", thin, hair, narrow and no-break spaces a space, zero-width marks nothing.
 */
export function toHalfWidth(s: string): string {
  // A loop over char codes: Chinese prose is full of full-width commas and colons, and a regex
  // replace calling a function per match was a tenth of the grader's time (docs/benchmarks.md).
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c < 0xa0 ||
      (c > 0xa0 && c < 0x2000) ||
      (c > 0x2212 && c < 0x3000) ||
      (c > 0x3000 && c < 0xfe63)
    )
      continue;
    let to: string | null = null;
    if (c >= 0xff01 && c <= 0xff5e) to = String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f) to = ' ';
    else if (c === 0x2212 || c === 0xfe63) to = '-';
    else if ((c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff) to = '';
    if (to === null) continue;
    out += s.slice(from, i) + to;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Removes `\cmd{…}` wrappers, keeping their content, with brace matching. */
export function unwrapCommand(s: string, commands: string[]): string {
  let out = s;
  for (const cmd of commands) {
    const token = `\\${cmd}{`;
    for (let i = out.indexOf(token); i !== -1; i = out.indexOf(token, i)) {
      const end = matchBrace(out, i + token.length - 1);
      if (end === -1) break;
      out = out.slice(0, i) + out.slice(i + token.length, end) + out.slice(end + 1);
    }
  }
  return out;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
export function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The response without its reasoning: everything up to the last `</think>` is reasoning, and so
 * is everything after a `<think>` that is never closed (the response was cut off inside it).
 */
export function splitReasoning(text: string): {
  answer: string;
  reasoningChars: number;
  isUnclosed: boolean;
} {
  const close = text.lastIndexOf('</think>');
  const from = close === -1 ? 0 : close + '</think>'.length;
  const open = text.indexOf('<think>', from);
  if (open === -1) return { answer: text.slice(from), reasoningChars: from, isUnclosed: false };
  return {
    answer: text.slice(from, open),
    reasoningChars: text.length - open + from,
    isUnclosed: true,
  };
}

/** Pre-cleans a response already without its reasoning (see `splitReasoning`). */
export function preClean(answer: string): string {
  let s = toHalfWidth(answer);
  // Each rewrite is skipped when its characters are absent: most responses need few of them.
  if (CIRCLED_ANY.test(s)) s = s.replace(/[①-⑩]/g, (c) => String(CIRCLED.indexOf(c) + 1));
  if (s.includes('<eo')) s = s.replace(/<eo[ae]>/g, '\n');
  if (s.includes('**') || s.includes('__')) s = s.replace(/\*\*|__/g, '');
  if (s.includes('\\')) s = unwrapCommand(s, ['text', 'textbf', 'mathrm', 'mathbf', 'rm']);
  // `$` only delimits maths here; the answer inside it is what counts.
  if (s.includes('$')) s = s.replace(/\$+/g, '');
  return s;
}
