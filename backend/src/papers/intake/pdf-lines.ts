/**
 * A PDF's text layer (pdfjs items with positions, as pdf-intake stores them) → visual lines in
 * reading order, for the splitter. Pure. One column only: a two-column layout reads across.
 */
import type { IntakeUnrecognised } from './draft.types';
import {
  ANSWER_HEAD,
  halfWidthAlnum,
  IntakeLine,
  OPTION_HEAD,
  PAREN_HEAD,
  QUESTION_HEAD,
  SECTION_HEAD,
} from './intake-text';

export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 第 1 页（共 4 页）, a bare page number: page furniture, kept aside rather than in a stem. */
const PAGE_FURNITURE = /^(?:.*第\s*\d+\s*页.*|\d{1,3}|-\s*\d{1,3}\s*-)$/;

/** A line that starts something of its own (a question, an option, a mark), never a wrapped tail. */
function startsPiece(text: string): boolean {
  const t = halfWidthAlnum(text);
  return [
    QUESTION_HEAD,
    OPTION_HEAD,
    PAREN_HEAD,
    SECTION_HEAD,
    ANSWER_HEAD,
    /^(【|材料[一二三四五六七八九十]|——|注意事项)/,
  ].some((re) => re.test(t));
}

/**
 * Items whose vertical centres are within half a line height of each other form one line,
 * read left to right; a gap wider than a third of the line height becomes a space. A line that
 * runs to the right margin continues on the next, unless that one starts a piece of its own:
 * a typeset paragraph wraps, and its lines are one paragraph again.
 */
export function pdfLines(pages: { pageNumber: number; textItems: PositionedText[] }[]): {
  lines: IntakeLine[];
  furniture: IntakeUnrecognised[];
} {
  const lines: IntakeLine[] = [];
  const furniture: IntakeUnrecognised[] = [];
  for (const page of pages) {
    const items = page.textItems
      .filter((t) => t.str.trim())
      .sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2) || a.x - b.x);
    const rows: PositionedText[][] = [];
    for (const item of items) {
      const row = rows[rows.length - 1];
      const centre = item.y + item.height / 2;
      const ref = row?.[0];
      if (ref && Math.abs(ref.y + ref.height / 2 - centre) <= Math.max(ref.height, item.height) / 2)
        row.push(item);
      else rows.push([item]);
    }
    const right = Math.max(0, ...items.map((t) => t.x + t.width));
    let wraps = false;
    for (const row of rows) {
      row.sort((a, b) => a.x - b.x);
      let text = '';
      row.forEach((item, i) => {
        const prev = row[i - 1];
        if (prev && item.x - (prev.x + prev.width) > Math.max(prev.height, item.height) / 3)
          text += ' ';
        text += item.str;
      });
      text = text.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      const last = row[row.length - 1];
      if (PAGE_FURNITURE.test(text)) {
        furniture.push({ text, page: page.pageNumber, reasonCode: 'page_furniture' });
        continue;
      }
      const previous = lines[lines.length - 1];
      if (wraps && previous?.page === page.pageNumber && !startsPiece(text))
        previous.text +=
          /[A-Za-z0-9]$/.test(previous.text) && /^[A-Za-z0-9]/.test(text) ? ` ${text}` : text;
      else lines.push({ text, page: page.pageNumber });
      wraps = last.x + last.width >= right - 2 * last.height;
    }
  }
  return { lines, furniture };
}
