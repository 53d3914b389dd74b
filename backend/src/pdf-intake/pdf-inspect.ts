import { PDFArray, PDFDict, PDFDocument, PDFName, PDFObject, PDFStream } from 'pdf-lib';
import type { ErrorParams } from '../common/problem';
import { PdfDoc, RENDER_SCALE } from './pdf-render';

/** What an uploaded PDF must not be: the reason in words, with a code and params for the client. */
export interface PdfProblem {
  code: string;
  params: ErrorParams;
  message: string;
}

export interface PageLimits {
  /** Pixels of one page image at the render scale (it is stored as an image under the same limit). */
  maxPixels: number;
  /** The longest side a canvas may have; past it the renderer cannot allocate a surface. */
  maxSide: number;
}

/** Skia (the canvas behind pdfjs in Node) refuses surfaces with a side past 32767; stay well below. */
export const MAX_CANVAS_SIDE = 16_384;

/**
 * Finds what would make a PDF unsafe to keep or impossible to render later: JavaScript anywhere,
 * or a page too large to rasterise. Checked at upload, so the author hears it at once instead of
 * a background job failing minutes later.
 */
export async function inspectPdf(
  bytes: Uint8Array,
  doc: PdfDoc,
  limits: PageLimits,
): Promise<PdfProblem | null> {
  const script = (await scriptInPdfJs(doc)) ?? (await scriptInObjects(bytes));
  if (script) {
    return {
      code: 'pdf.javascript',
      params: { where: script },
      message: `the PDF contains JavaScript (${script}); exam PDFs must not run code: print it to a new PDF and upload that`,
    };
  }
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: RENDER_SCALE });
    const [w, h] = [Math.ceil(width), Math.ceil(height)];
    const [wPt, hPt] = [Math.round(width / RENDER_SCALE), Math.round(height / RENDER_SCALE)];
    if (w * h > limits.maxPixels || Math.max(w, h) > limits.maxSide) {
      return {
        code: 'pdf.page_too_large',
        params: {
          page: n,
          widthPt: wPt,
          heightPt: hPt,
          widthPx: w,
          heightPx: h,
          maxPixels: limits.maxPixels,
        },
        message: `page ${n} is ${wPt}×${hPt} pt (${w}×${h} pixels when rendered), larger than can be rendered (at most ${limits.maxPixels} pixels); pages should be paper-sized`,
      };
    }
  }
  return null;
}

/** Document, open and page actions as pdfjs reads them (it also decrypts and follows object streams). */
async function scriptInPdfJs(doc: PdfDoc): Promise<string | null> {
  const docActions = await doc.getJSActions();
  if (docActions && Object.keys(docActions).length)
    return `document action ${Object.keys(docActions)[0]}`;
  if (await doc.hasJSActions()) return 'form field actions';
  for (let n = 1; n <= doc.numPages; n++) {
    const actions = await (await doc.getPage(n)).getJSActions();
    if (actions && Object.keys(actions).length)
      return `page ${n} action ${Object.keys(actions)[0]}`;
  }
  return null;
}

/**
 * Every object of the file, for what pdfjs does not report (it drops a link's JavaScript action,
 * for one): any dictionary with a /JS entry or /S /JavaScript. pdf-lib parses the objects,
 * including compressed object streams, and decodes escaped names (/J#61vaScript).
 */
async function scriptInObjects(bytes: Uint8Array): Promise<string | null> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
  } catch {
    // pdfjs opened it, so it is readable; objects pdf-lib cannot parse are left to pdfjs's checks.
    return null;
  }
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (holdsScript(object)) return `object ${ref.objectNumber}`;
  }
  return null;
}

const JS = 'JS';
const JAVASCRIPT = 'JavaScript';

/** Walks direct dictionaries and arrays with an explicit stack: nesting depth is the file's to choose. */
function holdsScript(root: PDFObject): boolean {
  const stack: PDFObject[] = [root];
  while (stack.length) {
    const o = stack.pop()!;
    const dict = o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : null;
    if (dict) {
      for (const [key, value] of dict.entries()) {
        if (key.decodeText() === JS) return true;
        if (
          key.decodeText() === 'S' &&
          value instanceof PDFName &&
          value.decodeText() === JAVASCRIPT
        )
          return true;
        stack.push(value);
      }
    } else if (o instanceof PDFArray) stack.push(...o.asArray());
  }
  return false;
}
