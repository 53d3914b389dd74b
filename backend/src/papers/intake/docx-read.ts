/**
 * A Word file (.docx) → lines for the splitter. mammoth reads paragraphs, tables, images and
 * underlines; it drops Word equations, so `word/document.xml` is read here first: each
 * `m:oMath`/`m:oMathPara` becomes `$…$`/`$$…$$` text in its place, and each MathType/OLE object
 * gets a marker before its preview image, so it reaches the author as a flagged image.
 * No framework imports; images are handed to the caller's `storeImage`, which names them.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ErrorParams } from '../../common/problem';
import type { IntakeFlag } from './draft.types';
import { DomDoc, DomEl, parseXml } from './docx-dom';
import { htmlToLines } from './docx-html';
import { writeOutNumbering } from './docx-numbering';
import type { IntakeLine } from './intake-text';
import { ommlToLatex } from './omml-to-latex';

export class DocxReadError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

export interface DocxLimits {
  /** Sum of the declared sizes of the zip's entries. */
  maxTotalBytes: number;
  maxEntries: number;
  maxImages: number;
}

/** Stores one embedded image; returns its name in the draft, or null when it cannot be read. */
export type StoreImage = (bytes: Uint8Array, contentType: string) => Promise<string | null>;

export interface DocxContent {
  lines: IntakeLine[];
  flags: IntakeFlag[];
}

/** The marker put before a MathType/OLE preview; docx-html.ts joins it with the image after it. */
export const OLE_MARK = '⟦OLE⟧';

/** Reads a .docx into lines, converting Word equations to LaTeX and storing its images. */
export async function readDocx(
  bytes: Uint8Array,
  limits: DocxLimits,
  storeImage: StoreImage,
): Promise<DocxContent> {
  const files = unzipDocx(bytes, limits);
  const documentXml = files['word/document.xml'];
  if (!documentXml)
    throw new DocxReadError('not a Word document (word/document.xml is missing)', 'docx.not_word');
  const flags: IntakeFlag[] = [];
  const numbering = files['word/numbering.xml'];
  files['word/document.xml'] = strToU8(
    rewriteDocument(strFromU8(documentXml), numbering && strFromU8(numbering), flags),
  );
  const mammoth = await import('mammoth');
  let count = 0;
  const result = await mammoth
    .convertToHtml(
      { buffer: Buffer.from(zipSync(files, { level: 1 })) },
      {
        // Word often draws a blank as underlined spaces, not underscores.
        styleMap: ['u => u'],
        convertImage: mammoth.images.imgElement(async (image) => {
          if (++count > limits.maxImages) return { src: 'yj-img:too-many' };
          const name = await storeImage(await image.readAsBuffer(), image.contentType);
          return { src: name ? `yj-img:${name}` : `yj-img-failed:${image.contentType}` };
        }),
      },
    )
    .catch((e: Error) => {
      throw new DocxReadError(
        `the Word document cannot be read (${e.message})`,
        'docx.unreadable',
        { detail: e.message },
      );
    });
  const lines = htmlToLines(result.value);
  return { lines, flags };
}

function unzipDocx(bytes: Uint8Array, limits: DocxLimits): Record<string, Uint8Array> {
  // Encrypted Office files (and old .doc) are OLE compound files, not zips.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocxReadError(
      'the file is password-protected or an old .doc (Word 97–2003); remove the password or save it as .docx',
      'docx.encrypted',
    );
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new DocxReadError('not a .docx (the content is not a zip package)', 'docx.not_docx');
  }
  let total = 0;
  let entries = 0;
  try {
    return unzipSync(bytes, {
      // Sizes are checked from the headers before anything is inflated (a zip bomb stops here).
      filter: (f) => {
        total += f.originalSize;
        if (++entries > limits.maxEntries || total > limits.maxTotalBytes) {
          throw new DocxReadError(
            `the package expands to more than ${limits.maxTotalBytes} bytes or ${limits.maxEntries} parts`,
            'docx.too_large',
            {
              max: limits.maxTotalBytes,
            },
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxReadError) throw e;
    throw new DocxReadError(`the .docx is corrupt (${(e as Error).message})`, 'docx.corrupt', {
      detail: (e as Error).message,
    });
  }
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Equations → `$latex$` runs, OLE objects → a marker run before their preview. */
function rewriteDocument(
  xml: string,
  numberingXml: string | undefined,
  flags: IntakeFlag[],
): string {
  let doc: DomDoc;
  let numbering: DomDoc | undefined;
  try {
    doc = parseXml(xml);
  } catch (e) {
    throw new DocxReadError(
      `word/document.xml is not well-formed XML (${(e as Error).message})`,
      'docx.corrupt',
      {
        part: 'word/document.xml',
      },
    );
  }
  try {
    numbering = numberingXml ? parseXml(numberingXml) : undefined;
  } catch {
    // Broken numbering loses the list numbers only; the text is still worth reading.
    numbering = undefined;
  }
  const root = doc.documentElement;
  writeOutNumbering(root, numbering?.documentElement);
  for (const name of ['m:oMathPara', 'm:oMath']) {
    for (const el of Array.from(root.getElementsByTagName(name))) {
      if (!el.parentNode || hasMathAncestor(el)) continue;
      const display = name === 'm:oMathPara';
      let text: string;
      try {
        const latex = ommlToLatex(el);
        text = display ? `$$${latex}$$` : `$${latex}$`;
      } catch (e) {
        text = el.textContent ?? '';
        flags.push({
          code: 'equation_unconverted',
          path: '',
          params: { text, detail: (e as Error).message },
        });
      }
      el.parentNode.replaceChild(textRun(el, text), el);
    }
  }
  for (const obj of Array.from(root.getElementsByTagName('w:object'))) {
    const ole = obj.getElementsByTagName('o:OLEObject')[0];
    const hasPreview = obj.getElementsByTagName('v:imagedata').length > 0;
    const t = obj.ownerDocument.createElementNS(W, 'w:t');
    // Without a preview there is nothing to show: the token still flags it at its question.
    t.appendChild(
      obj.ownerDocument.createTextNode(
        hasPreview ? OLE_MARK : `⟦OLEX:no-preview ${ole?.getAttribute('ProgID') ?? ''}⟧`,
      ),
    );
    obj.parentNode?.insertBefore(t, obj);
  }
  return new XMLSerializer().serializeToString(doc as never);
}

function hasMathAncestor(el: DomEl): boolean {
  for (let p = el.parentNode; p; p = p.parentNode)
    if (p.nodeName === 'm:oMath' || p.nodeName === 'm:oMathPara') return true;
  return false;
}

function textRun(near: DomEl, text: string): DomEl {
  const doc = near.ownerDocument;
  const r = doc.createElementNS(W, 'w:r');
  const t = doc.createElementNS(W, 'w:t');
  t.setAttribute('xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text));
  r.appendChild(t);
  return r;
}
