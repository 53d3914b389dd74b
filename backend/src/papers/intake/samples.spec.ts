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
const sample = (file: string) => readFileSync(join(ROOT, 'exam-papers/intake-samples', file));
const bundleOf = (id: string) =>
  parse(readFileSync(join(ROOT, 'exam-papers', id, 'paper.yaml'), 'utf8')) as PaperDoc;

/** A key as compared here: every blank's accepted values, without spaces. */
const keyOf = (a: QuestionDoc['answer']) =>
  Array.isArray(a)
    ? a.map((b) => (Array.isArray(b) ? b : [b]).map((v) => v.replace(/\s+/g, '')))
    : a;
const sameKey = (got: QuestionDoc['answer'], want: QuestionDoc['answer']) => {
  if (!Array.isArray(want) || !Array.isArray(got)) return got === want;
  const g = keyOf(got) as string[][];
  return (keyOf(want) as string[][]).every((accepted, i) =>
    g[i]?.some((v) => accepted.includes(v)),
  );
};
const pointsOf = (q: QuestionDoc) =>
  q.points ?? (q.subQuestions ?? []).reduce((n, x) => n + (x.points ?? 0), 0);
const hasReference = (q: QuestionDoc) =>
  !!q.referenceAnswer ||
  (!!q.subQuestions?.length && q.subQuestions.every((x) => x.referenceAnswer));

/**
 * How many of the bundle's questions came back with the same number, type, points, key, options.
 * `split`: questions the bundle holds whole and intake split into sub-questions with their own
 * points (（1）（8分）…), counted apart from `types`.
 */
function measure(d: SplitResult, bundle: PaperDoc) {
  const expected = bundle.sections.flatMap((s) => s.questions);
  const got = new Map(d.paper.sections.flatMap((s) => s.questions).map((q) => [q.number, q]));
  const count = (f: (want: QuestionDoc, q: QuestionDoc) => boolean) =>
    expected.filter((w) => got.has(w.number) && f(w, got.get(w.number)!)).length;
  return {
    questions: count(() => true),
    types: count((w, q) => q.type === w.type),
    split: count((w, q) => q.type === 'composite' && w.type !== 'composite'),
    points: count((w, q) => pointsOf(q) === pointsOf(w)),
    keys: count((w, q) => w.answer !== undefined && sameKey(q.answer, w.answer)),
    references: count((w, q) => !!w.referenceAnswer && hasReference(q)),
    options: count(
      (w, q) =>
        JSON.stringify((q.options ?? []).map((o) => o.label)) ===
        JSON.stringify((w.options ?? []).map((o) => o.label)),
    ),
  };
}

/** The validator's problems with the draft as it stands: only the licence, which intake never guesses. */
function problems(d: SplitResult) {
  const result = validateBundle(new Map([['paper.json', Buffer.from(JSON.stringify(d.paper))]]));
  return result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
}

async function fromDocx(file: string) {
  const { lines, flags } = await readDocx(
    sample(file),
    { maxTotalBytes: 50_000_000, maxEntries: 500, maxImages: 50 },
    async () => null,
  );
  return { draft: buildDraft(lines, file), flags };
}

async function fromPdf(file: string) {
  const doc = await openPdf(sample(file));
  const { lines, furniture } = pdfLines(await extractPdfText(doc));
  await doc.destroy();
  return { draft: buildDraft(lines, file), furniture };
}

describe('the shipped intake samples', () => {
  const math = bundleOf('gaokao-2022-national-b-math');
  const history = bundleOf('gaokao-2022-national-b-history');

  it('2022 全国乙卷 数学 from Word: every question, type, point, option and key, equations as LaTeX', async () => {
    const { draft, flags } = await fromDocx('gaokao-2022-national-b-math.docx');
    expect(flags).toEqual([]);
    expect(measure(draft, math)).toEqual({
      questions: 16,
      types: 16,
      split: 0,
      points: 16,
      keys: 11,
      references: 5,
      options: 16,
    });
    expect(draft.paper).toMatchObject({
      subject: 'math',
      year: 2022,
      region: '全国乙卷',
      grade: 12,
      stage: 'senior',
    });
    expect(draft.paper.sections[0].questions[0].stem).toContain(
      '$U = \\left\\{1 , 2 , 3 , 4 , 5\\right\\}$',
    );
    expect(draft.unrecognised.map((u) => u.reasonCode)).toEqual(['preamble', 'preamble']);
    expect(problems(draft)).toEqual(['source.licence bundle.schema.minLength']);
  });

  it('2022 全国乙卷 数学 from PDF: the same, but for one key the text layer holds as 3/10', async () => {
    const { draft, furniture } = await fromPdf('gaokao-2022-national-b-math.pdf');
    expect(measure(draft, math)).toEqual({
      questions: 16,
      types: 16,
      split: 0,
      points: 16,
      keys: 10,
      references: 5,
      options: 16,
    });
    expect(draft.paper.sections[1].questions[0].answer).toEqual(['3/10']);
    expect(furniture.every((f) => f.reasonCode === 'page_furniture')).toBe(true);
    expect(problems(draft)).toEqual(['source.licence bundle.schema.minLength']);
  });

  it.each(['docx', 'pdf'])(
    '2022 全国乙卷 历史 from %s: materials with sub-questions and their points',
    async (kind) => {
      const { draft } =
        kind === 'docx'
          ? await fromDocx('gaokao-2022-national-b-history.docx')
          : await fromPdf('gaokao-2022-national-b-history.pdf');
      // Questions 10, 12, 13 and 14 print （1）（8分）（2）（12分）…: they become composites whose parts add up.
      // Question 3 prints its options after the stem, with a page number glued to C ("初现16C．"): only A and B are found.
      expect(measure(draft, history)).toEqual({
        questions: 14,
        types: 10,
        split: 4,
        points: 14,
        keys: 9,
        references: 5,
        options: 13,
      });
      expect(draft.paper.sections[0].questions[2].options!.map((o) => o.text)).toEqual([
        '士大夫传统观念的颠覆',
        '世俗化审美趣味的初现16C．士农工商社会结构解体 D．江南市镇工商业的繁荣',
      ]);
      const q10 = draft.paper.sections[1].questions[0];
      expect(q10.subQuestions!.map((x) => [x.number, x.type, x.points])).toEqual([
        ['10(1)', 'short_answer', 8],
        ['10(2)', 'short_answer', 12],
        ['10(3)', 'short_answer', 5],
      ]);
      expect(q10.subQuestions![0].referenceAnswer).toMatch(/^特点：日本：政府指导/);
      // The validator then points at question 3: its key D names an option not found.
      expect(problems(draft)).toEqual([
        'source.licence bundle.schema.minLength',
        'sections[0].questions[2].answer bundle.answer_unknown_option',
      ]);
    },
  );
});
