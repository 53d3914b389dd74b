import { zipSync } from 'fflate';
import { makeIntakeDocx } from '../../../test/fixtures/intake-docx';
import { buildDraft } from './build-draft';
import { DocxReadError, readDocx } from './docx-read';

const LIMITS = { maxTotalBytes: 10_000_000, maxEntries: 200, maxImages: 20 };

async function read(bytes: Uint8Array) {
  const stored: { name: string; contentType: string; size: number }[] = [];
  const content = await readDocx(bytes, LIMITS, async (data, contentType) => {
    const name = `images/img-${stored.length + 1}.png`;
    stored.push({ name, contentType, size: data.length });
    return name;
  });
  return { ...content, stored };
}

describe('readDocx', () => {
  let docx: Buffer;
  beforeAll(async () => {
    docx = await makeIntakeDocx();
  });

  it('keeps text, the Word equation as LaTeX, images, option tables and the MathType preview', async () => {
    const { lines, stored, flags } = await read(docx);
    expect(flags).toEqual([]);
    expect(stored.map((s) => s.contentType)).toEqual(['image/png', 'image/png']);
    const text = lines.map((l) => l.text);
    expect(text[0]).toBe('2022年普通高等学校招生全国统一考试（全国乙卷）');
    expect(text).toContain('1．已知 $\\frac{1}{2} + x^{2} = \\sqrt{3}$，则 x 的值可以是（ ）');
    expect(text).toContain('⟦IMG:images/img-1.png⟧');
    expect(lines.find((l) => l.cells)).toMatchObject({ cells: ['A．1', 'B．2'] });
    expect(text).toContain('4．若 ⟦OLE:images/img-2.png⟧，则 a=____．');
  });

  it('gives a draft with numbers, types, options, keys, points, the flagged object and what it could not place', async () => {
    const { lines } = await read(docx);
    const d = buildDraft(lines, 'sample.docx');
    const qs = d.paper.sections.flatMap((s) => s.questions);
    expect(qs.map((q) => [q.number, q.type, q.points, q.answer])).toEqual([
      ['1', 'single_choice', 5, 'A'],
      ['2', 'single_choice', 5, 'B'],
      ['3', 'single_choice', 5, 'C'],
      ['4', 'fill_blank', 5, ['2']],
      ['5', 'calculation', 12, undefined],
    ]);
    expect(qs[0].options!.map((o) => o.text)).toEqual(['1', '2', '3', '4']);
    expect(qs[1].options!.map((o) => o.text)).toEqual(['1', '√2', '2', '4']);
    expect(qs[2]).toMatchObject({
      images: [{ file: 'images/img-1.png' }],
      options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }, { label: 'D' }],
    });
    expect(qs[3]).toMatchObject({
      blanks: 1,
      images: [{ file: 'images/img-2.png', alt: 'MathType 公式' }],
    });
    expect(qs[3].stem).toContain('[公式图片 img-2.png，请改写为 LaTeX]');
    expect(qs[4].referenceAnswer).toBe('（1）首项为 1；（2）通项为 2n-1。');
    expect(qs[4].analysis).toBe('【解析】由 S_n 的定义可得。');
    expect(d.flags).toEqual([
      {
        code: 'mathtype_image',
        path: 'sections.1.questions.0',
        params: { image: 'images/img-2.png' },
      },
    ]);
    expect(d.unrecognised).toEqual([
      expect.objectContaining({ text: '6. D', reasonCode: 'answer_without_question' }),
    ]);
    expect(d.stats).toEqual({ questions: 5, withKey: 5, withPoints: 5, objective: 4 });
  });

  it('flags, at their question, a MathType preview and a picture that cannot be decoded (EMF, WMF)', async () => {
    const content = await readDocx(docx, LIMITS, async () => null);
    expect(content.lines.map((l) => l.text)).toContain('4．若 ⟦OLEX:image/png⟧，则 a=____．');
    const d = buildDraft(content.lines, 'emf.docx');
    expect(d.paper.sections[0].questions[2].stem).toContain('[图片无法读取（image/png）]');
    expect(d.paper.sections[1].questions[0].stem).toBe(
      '若 [公式图片无法读取，请改写为 LaTeX]，则 a=____．',
    );
    expect(d.flags).toEqual([
      {
        code: 'image_unreadable',
        path: 'sections.0.questions.2',
        params: { image: '', contentType: 'image/png' },
      },
      {
        code: 'mathtype_image',
        path: 'sections.1.questions.0',
        params: { image: '', contentType: 'image/png' },
      },
    ]);
  });

  it.each([
    [
      'an encrypted (OLE compound) file',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'docx.encrypted',
    ],
    ['a file that is not a zip', Buffer.from('hello'), 'docx.not_docx'],
    ['a truncated zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'docx.corrupt'],
    // 20 MB of zeros deflates to a few kB: refused from the declared sizes, before inflating.
    [
      'a zip bomb',
      Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(20_000_000) })),
      'docx.too_large',
    ],
    [
      'a zip without word/document.xml',
      Buffer.from(zipSync({ 'a.txt': new Uint8Array(3) })),
      'docx.not_word',
    ],
  ])('refuses %s with a code', async (_name, bytes, code) => {
    await expect(read(bytes)).rejects.toMatchObject({ code });
    await expect(read(bytes)).rejects.toBeInstanceOf(DocxReadError);
  });
});

describe('readDocx with Word list numbering', () => {
  it('writes out automatic numbers of sections, questions and options as the paper prints them', async () => {
    const { Document, LevelFormat, Packer, Paragraph } = await import('docx');
    const numbered = (text: string, reference: string, instance = 0) =>
      new Paragraph({ text, numbering: { reference, level: 0, instance } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'sections',
            levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' }],
          },
          {
            reference: 'questions',
            levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1．' }],
          },
          {
            reference: 'options',
            levels: [{ level: 0, format: LevelFormat.UPPER_LETTER, text: '%1．' }],
          },
        ],
      },
      sections: [
        {
          children: [
            numbered('选择题（每小题5分）', 'sections'),
            numbered('第一题的题干', 'questions'),
            numbered('甲', 'options', 1),
            numbered('乙', 'options', 1),
            numbered('第二题的题干', 'questions'),
            numbered('丙', 'options', 2),
            numbered('丁', 'options', 2),
            numbered('填空题（每小题4分）', 'sections'),
            numbered('第三题____', 'questions'),
          ],
        },
      ],
    });
    const { lines } = await read(await Packer.toBuffer(doc));
    expect(lines.map((l) => l.text)).toEqual([
      '一、 选择题（每小题5分）',
      '1． 第一题的题干',
      'A． 甲',
      'B． 乙',
      '2． 第二题的题干',
      'A． 丙',
      'B． 丁',
      '二、 填空题（每小题4分）',
      '3． 第三题____',
    ]);
    const d = buildDraft(lines, 'n.docx');
    expect(
      d.paper.sections.map((s) =>
        s.questions.map((q) => [q.number, q.type, q.points, q.options?.map((o) => o.text)]),
      ),
    ).toEqual([
      [
        ['1', 'single_choice', 5, ['甲', '乙']],
        ['2', 'single_choice', 5, ['丙', '丁']],
      ],
      [['3', 'fill_blank', 4, undefined]],
    ]);
  });
});
