/**
 * A PDF's text layer (pdfjs items with positions, as pdf-intake stores them) → visual lines in
 * reading order, for the splitter. Pure. One column only: a two-column layout reads across.
 */
import type { IntakeUnrecognised } from './draft.types';
import type { IntakeLine } from './intake-text';

export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 第 1 页（共 4 页）, a bare page number: page furniture, kept aside rather than in a stem. */
const PAGE_FURNITURE = /^(?:.*第\s*\d+\s*页.*|\d{1,3}|-\s*\d{1,3}\s*-)$/;

/**
 * Items whose vertical centres are within half a line height of each other form one line,
 * read left to right; a gap wider than a third of the line height becomes a space.
 */
export function pdfLines(pages: { pageNumber: number; textItems: PositionedText[] }[]): {
  lines: IntakeLine[];
  furniture: IntakeUnrecognised[];
} {
  const lines: IntakeLine[] = [];
  const furniture: IntakeUnrecognised[] = [];
  for (const page of pages) {
    const items = page.textItems.filter((t) => t.str.trim()).sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2) || a.x - b.x);
    const rows: PositionedText[][] = [];
    for (const item of items) {
      const row = rows[rows.length - 1];
      const centre = item.y + item.height / 2;
      const ref = row?.[0];
      if (ref && Math.abs(ref.y + ref.height / 2 - centre) <= Math.max(ref.height, item.height) / 2) row.push(item);
      else rows.push([item]);
    }
    for (const row of rows) {
      row.sort((a, b) => a.x - b.x);
      let text = '';
      row.forEach((item, i) => {
        const prev = row[i - 1];
        if (prev && item.x - (prev.x + prev.width) > Math.max(prev.height, item.height) / 3) text += ' ';
        text += item.str;
      });
      text = text.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      if (PAGE_FURNITURE.test(text)) furniture.push({ text, page: page.pageNumber, reasonCode: 'page_furniture' });
      else lines.push({ text, page: page.pageNumber });
    }
  }
  return { lines, furniture };
}
