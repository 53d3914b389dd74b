/**
 * Pre-cleaning of a model response before any answer is looked for (eval-anchors §3.1 step 1):
 * reasoning dropped, full-width folded to ASCII, Markdown emphasis and LaTeX text wrappers removed.
 */

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

/** Full-width ASCII (Ａ，：（) and the ideographic space become their ASCII forms; 【】、。 stay. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
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

export function preClean(text: string): string {
  const think = text.lastIndexOf('</think>');
  let s = think === -1 ? text : text.slice(think + '</think>'.length);
  s = toHalfWidth(s);
  s = s.replace(/[①-⑩]/g, (c) => String(CIRCLED.indexOf(c) + 1));
  s = s.replace(/<eo[ae]>/g, '\n');
  s = s.replace(/\*\*|__/g, '');
  s = unwrapCommand(s, ['text', 'textbf', 'mathrm', 'mathbf', 'rm']);
  // `$` only delimits maths here; the answer inside it is what counts.
  s = s.replace(/\$+/g, '');
  return s;
}
