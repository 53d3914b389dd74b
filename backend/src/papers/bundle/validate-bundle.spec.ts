import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { miniBundle } from '../../../test/fixtures/bundle-fixture';
import { readBundleDir } from './bundle-files';
import { BundleFiles } from './bundle-files';
import { validateBundle } from './validate-bundle';

type Edit = Parameters<typeof miniBundle>[0];
const replace = (from: string | RegExp, to: string) => (s: string) => {
  const out = s.replace(from, to);
  if (out === s) throw new Error(`fixture edit did not apply: ${from}`);
  return out;
};

/** Each case breaks the valid mini bundle in one way; the error must say where and what. */
const CASES: [string, Edit, { file: string; line?: number; field?: string; message: RegExp }][] = [
  [
    'no paper file',
    { files: (f) => f.delete('paper.yaml') },
    { file: '(bundle)', message: /no paper\.yaml/ },
  ],
  [
    'YAML syntax error',
    { paper: replace('title: 测试卷', 'title: [测试卷') },
    { file: 'paper.yaml', message: /syntax error/ },
  ],
  [
    'duplicate YAML key',
    { paper: replace('grade: 12', 'grade: 12\ngrade: 11') },
    { file: 'paper.yaml', line: 6, message: /syntax error.*unique/i },
  ],
  [
    'wrong format tag',
    { paper: replace('yuejuan/paper@1', 'yuejuan/paper@9') },
    { file: 'paper.yaml', line: 1, field: 'format', message: /must be "yuejuan\/paper@1"/ },
  ],
  [
    'missing title',
    { paper: replace('title: 测试卷\n', '') },
    { file: 'paper.yaml', field: 'title', message: /missing required field "title"/ },
  ],
  [
    'unknown subject',
    { paper: replace('subject: math', 'subject: astrology') },
    { file: 'paper.yaml', line: 4, field: 'subject', message: /must be one of: chinese, math/ },
  ],
  [
    'grade out of range',
    { paper: replace('grade: 12', 'grade: 13') },
    { file: 'paper.yaml', line: 5, field: 'grade', message: /must be <= 12/ },
  ],
  [
    'bad stage',
    { paper: replace('stage: senior', 'stage: college') },
    {
      file: 'paper.yaml',
      line: 6,
      field: 'stage',
      message: /must be one of: primary, junior, senior/,
    },
  ],
  [
    'unknown paper field',
    { paper: replace('region: 测试', 'region: 测试\nauthor: me') },
    { file: 'paper.yaml', line: 9, field: 'author', message: /unknown field "author"/ },
  ],
  [
    'bad slug',
    { paper: replace('id: test-mini-paper', 'id: Test Paper!') },
    { file: 'paper.yaml', line: 2, field: 'id', message: /must match pattern/ },
  ],
  [
    'source without licence',
    { paper: replace('  licence: CC0-1.0\n', '') },
    { file: 'paper.yaml', line: 11, field: 'licence', message: /missing required field "licence"/ },
  ],
  [
    'unknown question type',
    { paper: replace('type: true_false', 'type: riddle') },
    { file: 'paper.yaml', line: 49, field: 'type', message: /must be one of: single_choice/ },
  ],
  [
    'negative points',
    { paper: replace('points: 2\n        stem: 地球', 'points: -2\n        stem: 地球') },
    { file: 'paper.yaml', line: 50, field: 'points', message: /must be > 0/ },
  ],
  [
    'single choice key not an option',
    { paper: replace('answer: A\n', 'answer: E\n') },
    {
      file: 'paper.yaml',
      line: 35,
      field: 'answer',
      message: /names option\(s\) E that do not exist/,
    },
  ],
  [
    'single choice with two letters',
    { paper: replace('answer: A\n', 'answer: AB\n') },
    { file: 'paper.yaml', line: 35, field: 'answer', message: /exactly one letter/ },
  ],
  [
    'multi-select key repeats a letter',
    { paper: replace('answer: AB', 'answer: AAB') },
    { file: 'paper.yaml', line: 47, field: 'answer', message: /repeats a letter/ },
  ],
  [
    'duplicate option label',
    { paper: replace('label: C\n            text: 丙', 'label: B\n            text: 丙') },
    { file: 'paper.yaml', line: 40, field: 'options', message: /duplicate option label "B"/ },
  ],
  [
    'choice without options',
    {
      paper: replace(
        / {8}options:\n {10}- label: A\n {12}text: 甲\n {10}- label: B\n {12}text: 乙\n {10}- label: C\n {12}text: 丙\n/,
        '',
      ),
    },
    { file: 'paper.yaml', line: 36, field: 'options', message: /needs options/ },
  ],
  [
    'true_false answer not boolean',
    { paper: replace('answer: true', 'answer: 对') },
    { file: 'paper.yaml', line: 52, field: 'answer', message: /true or false/ },
  ],
  [
    'fill_blank key count differs',
    { paper: replace('blanks: 2', 'blanks: 3') },
    { file: 'paper.yaml', line: 60, field: 'answer', message: /3 blanks but 2 keys/ },
  ],
  [
    'fill_blank without blanks',
    { paper: replace('        blanks: 2\n', '') },
    { file: 'paper.yaml', line: 55, field: 'blanks', message: /needs blanks/ },
  ],
  [
    'subjective without reference answer',
    { paper: replace('        referenceAnswer: "$\\\\frac{1}{2}$"\n', '') },
    { file: 'paper.yaml', line: 76, field: 'referenceAnswer', message: /needs a referenceAnswer/ },
  ],
  [
    'duplicate question number',
    { paper: replace('number: "3"', 'number: "2"') },
    { file: 'paper.yaml', line: 48, field: 'number', message: /duplicate question number "2"/ },
  ],
  [
    'unknown passage',
    { paper: replace('passage: p1', 'passage: p9') },
    { file: 'paper.yaml', line: 63, field: 'passage', message: /unknown passage "p9"/ },
  ],
  [
    'image missing from bundle',
    { files: (f) => f.delete('images/fig1.png') },
    {
      file: 'paper.yaml',
      line: 29,
      field: 'file',
      message: /"images\/fig1.png" is not in the bundle/,
    },
  ],
  [
    'image that is not an image',
    { files: (f) => f.set('images/fig1.png', Buffer.from('<script>alert(1)</script>')) },
    { file: 'images/fig1.png', message: /not a PNG, JPEG, WebP or GIF/ },
  ],
  [
    'image with a bad extension',
    {
      paper: replace('file: images/fig1.png', 'file: images/fig1.svg'),
      files: (f) => f.set('images/fig1.svg', Buffer.from('<svg/>')),
    },
    { file: 'paper.yaml', line: 29, field: 'file', message: /must be \.png, \.jpg/ },
  ],
  [
    'total points disagree',
    { paper: replace('totalPoints: 28', 'totalPoints: 30') },
    {
      file: 'paper.yaml',
      line: 10,
      field: 'totalPoints',
      message: /totalPoints is 30 but the questions add up to 28/,
    },
  ],
  [
    'tolerance above points',
    { paper: replace('tolerance: 1', 'tolerance: 7') },
    {
      file: 'paper.yaml',
      line: 81,
      field: 'tolerance',
      message: /tolerance 7 exceeds the question's 6 points/,
    },
  ],
  [
    'partial credit not below points',
    { paper: replace('partialPoints: 2', 'partialPoints: 5') },
    { file: 'paper.yaml', line: 38, field: 'points', message: /partial credit 5 must be below/ },
  ],
  [
    'nested composite',
    {
      paper: replace(
        '            type: single_choice\n            points: 2',
        '            type: composite\n            points: 2',
      ),
    },
    { file: 'paper.yaml', line: 66, field: 'type', message: /cannot itself be composite/ },
  ],
  [
    'not UTF-8',
    { files: (f) => f.set('paper.yaml', Buffer.from([0x66, 0x6f, 0xff, 0xfe, 0x0a])) },
    { file: 'paper.yaml', line: 1, message: /is not UTF-8 text/ },
  ],
  [
    'two question numbers equal once full-width digits are normalised',
    { paper: replace('number: "2"', 'number: "１"') },
    {
      file: 'paper.yaml',
      field: 'number',
      message: /duplicate question number "１" \(the same as "1"/,
    },
  ],
  [
    'two question numbers equal once a zero-width space is removed',
    { paper: replace('number: "2"', 'number: "1\u200b"') },
    { file: 'paper.yaml', field: 'number', message: /duplicate question number "1\u200b"/ },
  ],
  [
    'both paper.yaml and paper.json',
    { files: (f) => f.set('paper.json', Buffer.from('{}')) },
    {
      file: 'paper.yaml, paper.json',
      message: /holds both paper.yaml and paper.json; keep exactly one/,
    },
  ],
  [
    'both rubric.yaml and rubric.yml',
    { files: (f) => f.set('rubric.yml', Buffer.from('{}')) },
    { file: 'rubric.yaml, rubric.yml', message: /holds both rubric.yaml and rubric.yml/ },
  ],
  [
    'rubric for another paper',
    { rubric: replace('paper: test-mini-paper', 'paper: other') },
    { file: 'rubric.yaml', line: 2, field: 'paper', message: /rubric is for paper "other"/ },
  ],
  [
    'rubric for an unknown question',
    { rubric: replace('question: "7"', 'question: "99"') },
    { file: 'rubric.yaml', line: 4, field: 'question', message: /"99" is not in the paper/ },
  ],
  [
    'rubric for an objective question',
    { rubric: replace('question: "6"', 'question: "1"') },
    { file: 'rubric.yaml', field: 'question', message: /rubrics are for subjective/ },
  ],
  [
    'rubric ceiling above points',
    { rubric: replace('ceiling: 6', 'ceiling: 8') },
    {
      file: 'rubric.yaml',
      line: 6,
      field: 'ceiling',
      message: /ceiling 8 exceeds the question's 6 points/,
    },
  ],
  [
    'rubric duplicate item id',
    { rubric: replace('id: b', 'id: a') },
    { file: 'rubric.yaml', line: 11, field: 'id', message: /duplicate rubric item id "a"/ },
  ],
  [
    'rubric item without description',
    { rubric: replace('        description: 代入上下限\n', '') },
    { file: 'rubric.yaml', field: 'description', message: /missing required field "description"/ },
  ],
  [
    'rubric sample above points',
    { rubric: replace('score: 6', 'score: 60') },
    { file: 'rubric.yaml', line: 19, field: 'score', message: /sample score 60 exceeds/ },
  ],
];

describe('validateBundle', () => {
  it('accepts the valid mini bundle', () => {
    const r = validateBundle(miniBundle());
    expect(r.ok).toBe(true);
  });

  it.each(CASES)('rejects a bundle with %s', (_name, edit, want) => {
    const r = validateBundle(miniBundle(edit));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => want.message.test(e.message));
    expect(hit).toBeDefined();
    expect(hit!.file).toBe(want.file);
    if (want.line !== undefined) expect(hit!.line).toBe(want.line);
    if (want.field !== undefined) expect(hit!.field).toBe(want.field);
  });

  it('gives the same content hash whatever the key order or formatting', () => {
    const a = validateBundle(miniBundle());
    const reordered = (s: string) =>
      stringify(Object.fromEntries(Object.entries(parse(s)).reverse()), { indent: 4 });
    const b = validateBundle(miniBundle({ paper: reordered, rubric: reordered }));
    expect(a.ok && b.ok && a.bundle.contentHash === b.bundle.contentHash).toBe(true);
  });

  it('round-trips YAML to JSON with the same content hash', () => {
    const a = validateBundle(miniBundle());
    const asJson: BundleFiles = miniBundle();
    asJson.set(
      'paper.json',
      Buffer.from(JSON.stringify(parse(asJson.get('paper.yaml')!.toString()))),
    );
    asJson.delete('paper.yaml');
    const b = validateBundle(asJson);
    expect(b.ok).toBe(true);
    expect(a.ok && b.ok && a.bundle.contentHash).toBe(b.ok && b.bundle.contentHash);
  });

  it('changes the content hash when an image changes', () => {
    const a = validateBundle(miniBundle());
    const b = validateBundle(
      miniBundle({
        files: (f) =>
          f.set('images/fig1.png', Buffer.concat([f.get('images/fig1.png')!, Buffer.from([0])])),
      }),
    );
    expect(a.ok && b.ok && a.bundle.contentHash !== b.bundle.contentHash).toBe(true);
  });
});

describe('sample papers in exam-papers/', () => {
  const root = join(__dirname, '../../../../exam-papers');
  const dirs = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'paper.yaml')))
    .map((d) => d.name);

  it('has at least 10 papers over at least 6 subjects with 30 image questions', () => {
    const bundles = dirs.map((d) => validateBundle(readBundleDir(join(root, d), rubricPath(d))));
    const valid = bundles.flatMap((b) => (b.ok ? [b.bundle] : []));
    expect(valid.length).toBe(dirs.length);
    expect(valid.length).toBeGreaterThanOrEqual(10);
    expect(new Set(valid.map((b) => b.paper.subject)).size).toBeGreaterThanOrEqual(6);
    const imageQuestions = valid
      .flatMap((b) => b.paper.sections.flatMap((s) => s.questions))
      .filter((q) => q.images?.length);
    expect(imageQuestions.length).toBeGreaterThanOrEqual(30);
  });

  it.each(dirs)('%s is valid and every subjective question has a rubric', (dir) => {
    const r = validateBundle(readBundleDir(join(root, dir), rubricPath(dir)));
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
    const subjective = r.bundle.paper.sections
      .flatMap((s) => s.questions.flatMap((q) => [q, ...(q.subQuestions ?? [])]))
      .filter((q) => ['short_answer', 'essay', 'calculation'].includes(q.type));
    const rubricFor = new Set(r.bundle.rubric?.questions.map((q) => q.question) ?? []);
    expect(subjective.filter((q) => !rubricFor.has(q.number))).toEqual([]);
    for (const q of r.bundle.paper.sections.flatMap((s) => s.questions)) {
      expect(q.provenance).toMatchObject({
        dataset: expect.any(String),
        commit: expect.any(String),
        file: expect.any(String),
      });
      // Where in the upstream file: a line index, or the record's own id (E-EVAL's rows have ids).
      expect(q.provenance?.index ?? q.provenance?.id).toBeDefined();
    }
  });

  function rubricPath(dir: string) {
    const p = join(root, '../rubrics', `${dir}.rubric.yaml`);
    return existsSync(p) ? p : undefined;
  }
});
