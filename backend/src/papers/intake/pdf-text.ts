/**
 * The text layer of every page of an open PDF, positioned like pdf-intake's stored items (points,
 * origin top-left) but without rendering the pages, so a draft is ready while the page images
 * are still being rendered in the background for cropping.
 */
import type { PdfDoc } from '../../pdf-intake/pdf-render';
import type { PositionedText } from './pdf-lines';

type PdfPage = Awaited<ReturnType<PdfDoc['getPage']>>;

export async function extractPdfText(
  doc: PdfDoc,
): Promise<{ pageNumber: number; textItems: PositionedText[] }[]> {
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++)
    pages.push({ pageNumber: n, textItems: await pageText(await doc.getPage(n)) });
  return pages;
}

async function pageText(page: PdfPage): Promise<PositionedText[]> {
  const heightPt = page.view[3] - page.view[1];
  const content = await page.getTextContent();
  return content.items
    .filter((i) => i.str && i.str.trim() && i.transform)
    .map((i) => {
      const [, , , d, e, f] = i.transform!;
      const h = i.height || Math.abs(d);
      return { str: i.str!, x: e, y: heightPt - f - h, width: i.width ?? 0, height: h };
    });
}
