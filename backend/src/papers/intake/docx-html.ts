/**
 * mammoth's HTML → lines. mammoth writes a small, well-formed, escaped subset (p, h1–h6, ul/ol/li,
 * table/tr/td, strong, em, u, sup, sub, a, img, br), so a tag scanner is enough here; no
 * browser-grade parser is needed for HTML we did not take from a user. Pure.
 */
import type { IntakeLine } from './intake-text';

const OLE_MARK = '⟦OLE⟧';
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Body blocks as lines (a table row is one line with its cells). */
export function htmlToLines(html: string): IntakeLine[] {
  const lines: IntakeLine[] = [];
  let text = '';
  let cells: string[] | null = null;
  let tableDepth = 0;
  let paragraph = 0;
  /** Text inside <sup>/<sub>/<u> collected to be written as LaTeX or a blank when it closes. */
  const inline: { tag: string; start: number }[] = [];
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (tableDepth === 0 && t) lines.push({ text: t, paragraph });
    if (tableDepth === 0) paragraph++;
    if (tableDepth > 0) text += ' ';
    else text = '';
  };
  for (const part of html.split(/(<[^>]+>)/)) {
    if (!part) continue;
    if (!part.startsWith('<')) {
      text += decode(part);
      continue;
    }
    const m = /^<(\/?)([a-z0-9]+)([^>]*)>$/i.exec(part);
    if (!m) continue;
    const [, close, tag, attrs] = m;
    if (tag === 'table') {
      if (close) {
        tableDepth--;
        if (tableDepth === 0) paragraph++;
      } else tableDepth++;
    } else if (tag === 'tr' && tableDepth === 1) {
      if (!close) cells = [];
      else if (cells) {
        const row = cells.filter((c) => c !== '' || cells!.length > 1);
        if (row.some(Boolean)) lines.push({ text: row.join(' | '), paragraph, cells: row });
        cells = null;
      }
    } else if ((tag === 'td' || tag === 'th') && tableDepth === 1) {
      if (close && cells) cells.push(text.replace(/\s+/g, ' ').trim());
      text = '';
    } else if (BLOCKS.has(tag) && close) {
      flush();
    } else if (tag === 'br') {
      text += ' ';
    } else if (tag === 'img') {
      const isOle = text.endsWith(OLE_MARK);
      if (isOle) text = text.slice(0, -OLE_MARK.length);
      text += image(attrs, isOle);
    } else if (tag === 'sup' || tag === 'sub' || tag === 'u') {
      if (!close) inline.push({ tag, start: text.length });
      else {
        const open = inline.pop();
        if (open) text = text.slice(0, open.start) + styled(tag, text.slice(open.start));
      }
    }
  }
  return lines;
}

/** An image token; a MathType marker right before it makes it an OLE token. */
function image(attrs: string, isOle: boolean): string {
  const src = /src="([^"]*)"/.exec(attrs)?.[1] ?? '';
  const ok = /^yj-img:(.+)$/.exec(src);
  if (ok && ok[1] !== 'too-many') return isOle ? `⟦OLE:${ok[1]}⟧` : `⟦IMG:${ok[1]}⟧`;
  // Undecodable (EMF/WMF previews, broken files) or past the limit: the splitter flags it where it stood.
  const contentType = ok ? 'too-many' : src.replace(/^yj-img-failed:/, '') || 'unknown';
  return isOle ? `⟦OLEX:${contentType}⟧` : `⟦IMGX:${contentType}⟧`;
}

function styled(tag: string, inner: string): string {
  // Underlined spaces are a blank to fill (Word's way of drawing ____).
  if (tag === 'u') return inner.trim() === '' ? '____' : inner;
  if (inner.trim() === '') return inner;
  return tag === 'sup' ? `$^{${inner.trim()}}$` : `$_{${inner.trim()}}$`;
}
