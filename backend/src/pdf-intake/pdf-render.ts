import { dirname, join } from 'node:path';
import { importEsm } from '../common/import-esm';
import type { PdfTextItem } from './pdf.entities';

interface PdfJs {
  getDocument(src: object): { promise: Promise<PdfDoc> };
}
export interface PdfDoc {
  numPages: number;
  getJSActions(): Promise<Record<string, string[]> | null>;
  hasJSActions(): Promise<boolean>;
  getPage(n: number): Promise<PdfPage>;
  canvasFactory: {
    create(w: number, h: number): { canvas: { encode(f: string): Promise<Buffer> } };
  };
  destroy(): Promise<void>;
}
interface PdfPage {
  getJSActions(): Promise<Record<string, string[]> | null>;
  getViewport(o: { scale: number }): { width: number; height: number; transform: number[] };
  getTextContent(): Promise<{
    items: { str?: string; transform?: number[]; width?: number; height?: number }[];
  }>;
  render(o: object): { promise: Promise<void> };
  view: number[];
}

export class PdfError extends Error {}

/** Pages are rendered at twice their size in points: readable crops of small print. */
export const RENDER_SCALE = 2;

let pdfjs: Promise<PdfJs> | null = null;
const assetsDir = () => dirname(require.resolve('pdfjs-dist/package.json'));

/** Opens a PDF with standard fonts and CMaps configured, so CJK text extracts and renders. */
export async function openPdf(data: Uint8Array): Promise<PdfDoc> {
  pdfjs ??= importEsm<PdfJs>('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  const dir = assetsDir();
  try {
    return await lib.getDocument({
      data: new Uint8Array(data),
      standardFontDataUrl: join(dir, 'standard_fonts/'),
      cMapUrl: join(dir, 'cmaps/'),
      cMapPacked: true,
      wasmUrl: join(dir, 'wasm/'),
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new PdfError(`cannot read PDF (${(e as Error).message})`);
  }
}

export interface RenderedPage {
  pageNumber: number;
  png: Buffer;
  widthPt: number;
  heightPt: number;
  scale: number;
  textItems: PdfTextItem[];
}

/**
 * Renders one page to PNG at `scale` and extracts its text with positions in the PNG's pixel
 * space (origin top-left), so an author can crop by what they see.
 */
export async function renderPage(
  doc: PdfDoc,
  pageNumber: number,
  scale = RENDER_SCALE,
): Promise<RenderedPage> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const { canvas } = doc.canvasFactory.create(
    Math.ceil(viewport.width),
    Math.ceil(viewport.height),
  );
  await page.render({ canvas, viewport }).promise;
  const png = await canvas.encode('png');
  const content = await page.getTextContent();
  const heightPt = page.view[3] - page.view[1];
  const textItems = content.items
    .map((i) => ({ ...i, str: stripControl(i.str) }))
    .filter((i) => i.str.trim() && i.transform)
    .map((i) => {
      const [, , , d, e, f] = i.transform!;
      const h = (i.height || Math.abs(d)) * scale;
      return {
        str: i.str,
        x: e * scale,
        y: (heightPt - f) * scale - h,
        width: (i.width ?? 0) * scale,
        height: h,
      };
    });
  return { pageNumber, png, widthPt: page.view[2] - page.view[0], heightPt, scale, textItems };
}

/**
 * Subset fonts map some glyphs to U+0000 (and other C0 controls); PostgreSQL's jsonb refuses
 * \u0000, so a page with one could not be stored at all. They carry no text: dropped.
 */
export function stripControl(str: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (str ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
