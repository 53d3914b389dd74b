#!/usr/bin/env node
/**
 * Writes exam-papers/intake-samples/: a real Gaokao paper from the sample bundles as the Word file
 * (.docx) and the PDF an author would bring, for the intake demo and its tests. The questions,
 * keys and analyses come from exam-papers/gaokao-2022-national-b-math (GAOKAO-Bench, Apache-2.0);
 * the layout is that of a printed paper: headings with points, numbered questions, options on
 * one line or one per line, blanks, and a 参考答案 section.
 *
 * Word equations are written with the `docx` package's math objects (what latex.mjs can map);
 * the PDF embeds a subset of Debian's WenQuanYi Micro Hei (fonts-wqy-microhei) with @pdf-lib/fontkit.
 * Re-runnable; output is deterministic. Usage: npm run samples:intake
 */
import fontkit from '@pdf-lib/fontkit';
import { Document, Math as DocxMath, Packer, Paragraph, TextRun } from 'docx';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { parse } from 'yaml';
import { isUnsupported, latexToDocxMath, latexToText } from './intake-samples/latex.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Math for Word equations and worked solutions; history for materials and sub-questions with points. */
const SOURCES = ['gaokao-2022-national-b-math', 'gaokao-2022-national-b-history'];
const OUT = join(root, 'exam-papers/intake-samples');
/**
 * A TrueType (glyf) CJK font: fontkit's subsets of CFF fonts such as Noto Sans CJK lose glyphs
 * (pages rendered with gaps, text extracted as U+0000), its TrueType subsets do not.
 */
const FONT = {
  file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  name: 'WenQuanYiMicroHei',
  debian: 'fonts-wqy-microhei',
};

const HEADINGS = {
  single_choice: (n, p) =>
    `选择题：本题共${n}小题，每小题${p}分，共${n * p}分。在每小题给出的四个选项中，只有一项是符合题目要求的。`,
  fill_blank: (n, p) => `填空题：本题共${n}小题，每小题${p}分，共${n * p}分。`,
  calculation: (n, p) => `解答题：共${n * p}分。解答应写出文字说明、证明过程或演算步骤。`,
  short_answer: (n, p) => `非选择题：共${p}分。`,
};

/** The paper as paragraphs: each a list of pieces, text or a formula. */
function paperParagraphs(paper) {
  const out = [];
  const line = (...pieces) =>
    out.push(pieces.flatMap((p) => (typeof p === 'string' ? splitMath(p) : [p])));
  const [, exam, subject] = /^(.*?卷）)(.*)$/.exec(paper.title);
  line(exam);
  line(subject);
  line('注意事项：');
  line(
    '1．本卷由公开数据集 GAOKAO-Bench（Apache-2.0）中该卷的题目重建，缺少原卷的图形题，仅作演示。',
  );
  paper.sections.forEach((s) => {
    const qs = s.questions;
    const kind = qs[0].type;
    const numeral = s.title.split('、')[0];
    const total = qs.reduce((n, q) => n + q.points, 0);
    line(
      `${numeral}、${HEADINGS[kind](qs.length, kind === 'short_answer' ? total : qs[0].points)}`,
    );
    for (const q of qs) {
      const paragraphs = paragraphsOf(stemOf(q));
      const points = kind === 'calculation' && !/（\d+分）/.test(q.stem) ? `（${q.points}分）` : '';
      line(`${q.number}．${points}${paragraphs[0]}`);
      for (const p of paragraphs.slice(1)) line(p);
      // Options with no text are printed in the stem already (the dataset keeps them there).
      if (q.options?.some((o) => o.text)) for (const row of optionRows(q.options)) line(row);
    }
  });
  line('参考答案');
  for (const q of paper.sections.flatMap((s) => s.questions)) {
    const key =
      q.type === 'single_choice'
        ? q.answer
        : q.type === 'fill_blank'
          ? q.answer
              .map((b) => (Array.isArray(b) ? b[0] : b))
              .map(asMath)
              .join('；')
          : '';
    const reference = q.referenceAnswer ? paragraphsOf(q.referenceAnswer) : [];
    line(`${q.number}．【答案】${key}${reference[0] ?? ''}`);
    for (const p of reference.slice(1)) line(p);
    if (q.analysis) {
      const analysis = paragraphsOf(q.analysis.trim());
      line(analysis[0].startsWith('【') ? analysis[0] : `【解析】${analysis[0]}`);
      for (const p of analysis.slice(1)) line(p);
    }
  }
  return out;
}

/**
 * Paragraphs of dataset text: blank lines, and line breaks before 材料…, ——, （1）, 【…】; other
 * line breaks are the dataset's hard wraps of one printed paragraph.
 */
function paragraphsOf(text) {
  return text
    .split(/\n\s*\n|\n(?=材料[一二三四五六七八九十]|——|[（(]\d+[)）]|【)/)
    .map((p) => p.replace(/\s*\n\s*/g, ''))
    .filter((p) => p.trim());
}

const asMath = (v) => (/^[\d.]+$/.test(v) ? v : `$${v}$`);

/** Fill-in stems in the dataset say "…的概率为"; a printed paper draws the blank. */
function stemOf(q) {
  const stem = q.stem.trim();
  return q.type === 'fill_blank' && !/_{2,}/.test(stem)
    ? `${stem.replace(/[.．。]$/, '')}______．`
    : stem;
}

/** Short options on one line, medium two to a line, long ones one per line. */
function optionRows(options) {
  const labelled = options.map((o) => `${o.label}．${o.text ?? ''}`);
  const longest = Math.max(...options.map((o) => latexToText(o.text ?? '').length));
  if (longest <= 10) return [labelled.join('\u3000\u3000')];
  if (longest <= 24)
    return [labelled.slice(0, 2).join('\u3000\u3000'), labelled.slice(2).join('\u3000\u3000')];
  return labelled;
}

/** Text with $…$ / $$…$$ as pieces: strings and { latex, display }. */
function splitMath(text) {
  const pieces = [];
  const re = /\$\$([\s\S]+?)\$\$|\$([^$]+)\$/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) pieces.push(text.slice(last, m.index));
    pieces.push({ latex: (m[1] ?? m[2]).trim(), display: m[1] !== undefined });
    last = re.lastIndex;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces.map((p) => (typeof p === 'string' ? p.replace(/\s*\n\s*/g, ' ') : p));
}

async function writeDocx(paper, paragraphs) {
  let converted = 0;
  let kept = 0;
  const children = paragraphs.map(
    (pieces) =>
      new Paragraph({
        children: pieces.map((p) => {
          if (typeof p === 'string') return new TextRun(p);
          try {
            const math = new DocxMath({ children: latexToDocxMath(p.latex) });
            converted++;
            return math;
          } catch (e) {
            if (!isUnsupported(e)) throw e;
            kept++;
            return new TextRun(p.display ? `$$${p.latex}$$` : `$${p.latex}$`);
          }
        }),
      }),
  );
  const doc = new Document({
    creator: 'Yuejuan sample generator',
    title: paper.title,
    description: `Built from exam-papers/${paper.id} (GAOKAO-Bench, Apache-2.0)`,
    sections: [{ children }],
  });
  const bytes = await Packer.toBuffer(doc);
  // docx stamps the current time into docProps/core.xml; a fixed date keeps the sample stable.
  return { bytes: await fixDates(bytes), converted, kept };
}

async function fixDates(bytes) {
  const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
  const files = unzipSync(new Uint8Array(bytes));
  const core = strFromU8(files['docProps/core.xml']).replace(
    /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g,
    '2022-06-07T00:00:00Z',
  );
  files['docProps/core.xml'] = strToU8(core);
  const fixed = Object.fromEntries(
    Object.entries(files).map(([k, v]) => [k, [v, { mtime: new Date('2022-06-07T00:00:00Z') }]]),
  );
  return Buffer.from(zipSync(fixed, { level: 6 }));
}

async function writePdf(paper, paragraphs) {
  if (!existsSync(FONT.file))
    throw new Error(`${FONT.file} is missing: apt-get install ${FONT.debian}`);
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2022-06-07T00:00:00Z'));
  doc.setModificationDate(new Date('2022-06-07T00:00:00Z'));
  doc.setTitle(paper.title);
  doc.setProducer('Yuejuan sample generator (pdf-lib)');
  doc.registerFontkit({ create: (b) => fontkit.create(b, FONT.name) });
  const font = await doc.embedFont(readFileSync(FONT.file), { subset: true });
  const [width, height, margin, size] = [595, 842, 56, 10.5];
  let page = null;
  let y = 0;
  let pageNo = 0;
  const newPage = () => {
    page = doc.addPage([width, height]);
    pageNo++;
    y = height - margin;
    const footer = `${paper.title.replace(/^.*卷）|（节选）$/g, '')}试题 第 ${pageNo} 页`;
    page.drawText(footer, {
      x: width / 2 - font.widthOfTextAtSize(footer, 9) / 2,
      y: margin / 2,
      size: 9,
      font,
    });
  };
  newPage();
  for (const pieces of paragraphs) {
    const text = pieces.map((p) => (typeof p === 'string' ? p : latexToText(p.latex))).join('');
    for (const row of wrap(text, (s) => font.widthOfTextAtSize(s, size), width - 2 * margin)) {
      if (y < margin + size) newPage();
      page.drawText(row, { x: margin, y, size, font });
      y -= size * 1.7;
    }
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function wrap(text, measure, max) {
  const rows = [];
  let current = '';
  for (const c of text) {
    if (measure(current + c) > max) {
      rows.push(current);
      current = '';
    }
    current += c;
  }
  rows.push(current);
  return rows;
}

mkdirSync(OUT, { recursive: true });
for (const source of SOURCES) {
  const paper = parse(readFileSync(join(root, 'exam-papers', source, 'paper.yaml'), 'utf8'));
  const paragraphs = paperParagraphs(paper);
  const docx = await writeDocx(paper, paragraphs);
  writeFileSync(join(OUT, `${source}.docx`), docx.bytes);
  const pdf = await writePdf(paper, paragraphs);
  writeFileSync(join(OUT, `${source}.pdf`), pdf);
  console.log(
    `${source}.docx: ${docx.bytes.length} bytes, ${docx.converted} Word equations, ${docx.kept} formulas kept as LaTeX text\n` +
      `${source}.pdf: ${pdf.length} bytes`,
  );
}
