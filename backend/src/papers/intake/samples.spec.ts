/**
 * The shipped intake samples (exam-papers/intake-samples, built by `npm run samples:intake` from
 * the gaokao-2022-national-b-math bundle) read back through intake and compared with the bundle
 * they came from: the measured figures docs/authoring.md quotes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { openPdf } from '../../pdf-intake/pdf-render';
import type { PaperDoc, QuestionDoc } from '../bundle/bundle.types';
import { validateBundle } from '../bundle/validate-bundle';
import { buildDraft, SplitResult } from './build-draft';
import { readDocx } from './docx-read';
import { pdfLines } from './pdf-lines';
import { extractPdfText } from './pdf-text';

const ROOT = join(__dirname, '../../../..');
const SOURCE = 'gaokao-2022-national-b-math';
const bundle = parse(readFileSync(join(ROOT, 'exam-papers', SOURCE, 'paper.yaml'), 'utf8')) as PaperDoc;
const expected = bundle.sections.flatMap((s) => s.questions);

/** A key as compared here: every blank's accepted values, without spaces. */
const keyOf = (a: QuestionDoc['answer']) =>
  Array.isArray(a) ? a.map((b) => (Array.isArray(b) ? b : [b]).map((v) => v.replace(/\s+/g, ''))) : a;
const sameKey = (got: QuestionDoc['answer'], want: QuestionDoc['answer']) => {
  if (!Array.isArray(want) || !Array.isArray(got)) return got === want;
  const g = keyOf(got) as string[][];
  return (keyOf(want) as string[][]).every((accepted, i) => g[i]?.some((v) => accepted.includes(v)));
};

/** How many of the bundle's questions came back with the same number, type, points, key, options. */
function measure(d: SplitResult) {
  const got = new Map(d.paper.sections.flatMap((s) => s.questions).map((q) => [q.number, q]));
  const same = (f: (q: QuestionDoc) => unknown) =>
    expected.filter((q) => got.has(q.number) && JSON.stringify(f(got.get(q.number)!)) === JSON.stringify(f(q))).length;
  return {
    questions: expected.filter((q) => got.has(q.number)).length,
    types: same((q) => q.type),
    points: same((q) => q.points),
    keys: expected.filter((q) => q.answer !== undefined && sameKey(got.get(q.number)?.answer, q.answer)).length,
    references: expected.filter((q) => q.referenceAnswer && got.get(q.number)?.referenceAnswer).length,
    options: same((q) => (q.options ?? []).map((o) => o.label)),
  };
}

/** The validator's problems with the draft as it stands: only the licence, which intake never guesses. */
function problems(d: SplitResult) {
  const result = validateBundle(new Map([['paper.json', Buffer.from(JSON.stringify(d.paper))]]));
  return result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
}

const objective = expected.filter((q) => q.answer !== undefined).length;

describe('the shipped intake samples', () => {
  it(`reads ${SOURCE}.docx back into the paper it was made from`, async () => {
    const bytes = readFileSync(join(ROOT, 'exam-papers/intake-samples', `${SOURCE}.docx`));
    const { lines, flags } = await readDocx(bytes, { maxTotalBytes: 50_000_000, maxEntries: 500, maxImages: 50 }, async () => null);
    const d = buildDraft(lines, `${SOURCE}.docx`);
    expect(flags).toEqual([]);
    expect(expected.length).toBe(16);
    expect(objective).toBe(11);
    expect(measure(d)).toEqual({ questions: 16, types: 16, points: 16, keys: 11, references: 5, options: 16 });
    expect(d.paper).toMatchObject({ subject: 'math', year: 2022, region: '全国乙卷', grade: 12, stage: 'senior' });
    expect(d.paper.sections[0].questions[0].stem).toContain('$U = \\left\\{1 , 2 , 3 , 4 , 5\\right\\}$');
    expect(d.unrecognised.map((u) => u.reasonCode)).toEqual(['preamble', 'preamble']);
    expect(problems(d)).toEqual(['source.licence bundle.schema.minLength']);
  });

  it(`reads ${SOURCE}.pdf back from its text layer`, async () => {
    const doc = await openPdf(readFileSync(join(ROOT, 'exam-papers/intake-samples', `${SOURCE}.pdf`)));
    const { lines, furniture } = pdfLines(await extractPdfText(doc));
    await doc.destroy();
    const d = buildDraft(lines, `${SOURCE}.pdf`);
    // A text layer has no LaTeX: question 10's key \frac{3}{10} comes back as 3/10, for the author to fix.
    expect(measure(d)).toEqual({ questions: 16, types: 16, points: 16, keys: 10, references: 5, options: 16 });
    expect(d.paper.sections[1].questions[0].answer).toEqual(['3/10']);
    expect(furniture.every((f) => f.reasonCode === 'page_furniture')).toBe(true);
    expect(problems(d)).toEqual(['source.licence bundle.schema.minLength']);
  });
});
