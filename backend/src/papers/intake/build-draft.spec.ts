import { buildDraft } from './build-draft';
import {
  countBlanks,
  readHeading,
  readLetters,
  readTrueFalse,
  splitBlankAnswers,
  splitInlineOptions,
} from './intake-text';

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((t, paragraph) => ({ text: t.trim(), paragraph }));

const PAPER = `
绝密★启用前
2022年普通高等学校招生全国统一考试（全国乙卷）
数学（理科）
注意事项：
1．答卷前，考生务必将自己的姓名填写在答题卡上。
2．回答选择题时，选出每小题答案后，用铅笔把答题卡上对应题目的答案标号涂黑。
一、选择题：本题共3小题，每小题5分，共15分。在每小题给出的四个选项中，只有一项是符合题目要求的。
1．设集合 $M=\\{1,2\\}$，则（\u3000）
A．$1\\in M$ B．$3\\in M$ C．$0\\in M$ D．$4\\in M$
2．已知 $z=1-2i$，则 $|z|=$（\u3000）
A．1
B．$\\sqrt{5}$
C．5
D．2
3．下列函数中最小值为4的是（\u3000）
A．$y=x^2$\u3000\u3000B．$y=4$
C．$y=x$\u3000\u3000D．$y=2^x$
二、填空题：本题共2小题，每小题5分，共10分。
4．函数 $f(x)=x^2$ 的最小值为______．
5．已知向量 $a=(1,2)$，则 $|a|=$______，$a$ 与 $x$ 轴夹角的正切为______．
三、判断题（每小题2分）
6．$0$ 是自然数。（\u3000）
四、解答题：共24分。解答应写出文字说明、证明过程或演算步骤。
7．（12分）记 $S_n$ 为数列 $\\{a_n\\}$ 的前 $n$ 项和。
（1）求 $a_1$；
（2）证明：$\\{a_n\\}$ 是等差数列。
8．阅读材料，回答问题。
（1）（4分）概括材料的主旨。
（2）（8分）评价作者的观点。
参考答案
一、选择题
1．A 2．B 3．D
4．0
5．$\\sqrt{5}$；2
6．√
7．【答案】（1）$a_1=1$（2）见解析
【解析】由题意…
8．（1）主旨是…（2）观点合理…
9．C
`;

describe('buildDraft on a typical paper', () => {
  const draft = buildDraft(lines(PAPER), 'paper.docx', new Date('2026-01-01'));
  const qs = draft.paper.sections.flatMap((s) => s.questions);

  it('reads the metadata from the title', () => {
    expect(draft.paper).toMatchObject({
      subject: 'math',
      year: 2022,
      grade: 12,
      stage: 'senior',
      region: '全国乙卷',
      language: 'zh',
    });
    expect(draft.paper.title).toBe('2022年普通高等学校招生全国统一考试（全国乙卷）数学（理科）');
  });

  it('finds sections, questions, types and points', () => {
    expect(draft.paper.sections.map((s) => s.questions.length)).toEqual([3, 2, 1, 2]);
    expect(qs.map((q) => [q.number, q.type, q.points])).toEqual([
      ['1', 'single_choice', 5],
      ['2', 'single_choice', 5],
      ['3', 'single_choice', 5],
      ['4', 'fill_blank', 5],
      ['5', 'fill_blank', 5],
      ['6', 'true_false', 2],
      ['7', 'calculation', 12],
      ['8', 'composite', undefined],
    ]);
  });

  it('splits options inline, one per line and two per line', () => {
    expect(qs[0].options).toEqual([
      { label: 'A', text: '$1\\in M$' },
      { label: 'B', text: '$3\\in M$' },
      { label: 'C', text: '$0\\in M$' },
      { label: 'D', text: '$4\\in M$' },
    ]);
    expect(qs[1].options!.map((o) => o.text)).toEqual(['1', '$\\sqrt{5}$', '5', '2']);
    expect(qs[2].options!.map((o) => o.text)).toEqual(['$y=x^2$', '$y=4$', '$y=x$', '$y=2^x$']);
  });

  it('matches the answer section back as keys', () => {
    expect(qs.map((q) => q.answer)).toEqual([
      'A',
      'B',
      'D',
      ['0'],
      ['\\sqrt{5}', '2'],
      true,
      undefined,
      undefined,
    ]);
    expect(qs[4].blanks).toBe(2);
    expect(qs[6].stem).toContain('(1) 求 $a_1$');
    expect(qs[6].referenceAnswer).toBe('（1）$a_1=1$（2）见解析');
    expect(qs[6].analysis).toBe('【解析】由题意…');
    expect(qs[7].subQuestions!.map((s) => [s.number, s.points, s.referenceAnswer])).toEqual([
      ['8(1)', 4, '主旨是…'],
      ['8(2)', 8, '观点合理…'],
    ]);
  });

  it('keeps what it cannot place, with its paragraph', () => {
    expect(draft.unrecognised.map((u) => u.reasonCode)).toEqual([
      'preamble',
      'preamble',
      'preamble',
      'preamble',
      'answer_without_question',
    ]);
    expect(draft.unrecognised[0]).toMatchObject({ text: '绝密★启用前', paragraph: 0 });
    expect(draft.unrecognised[4]).toMatchObject({
      text: '9. C',
      reasonCode: 'answer_without_question',
    });
    expect(draft.unrecognised[2].paragraph).toBe(4);
  });

  it('gives a confidence for each piece', () => {
    const c = (path: string) => draft.confidence.find((x) => x.path === path);
    expect(c('sections.0.questions.0.answer')).toMatchObject({
      level: 'high',
      reasonCode: 'key_matched',
    });
    expect(c('sections.0.questions.0.options')).toMatchObject({
      level: 'high',
      reasonCode: 'options_inline',
    });
    expect(c('sections.0.questions.1.options')).toMatchObject({ reasonCode: 'options_lines' });
    expect(c('sections.3.questions.0.points')).toMatchObject({
      level: 'high',
      reasonCode: 'inline_points',
    });
    expect(c('sections.3.questions.1.subQuestions.1.referenceAnswer')).toMatchObject({
      level: 'high',
    });
    expect(c('source.licence')).toMatchObject({ level: 'low', reasonCode: 'meta_default' });
    expect(draft.stats).toEqual({ questions: 8, withKey: 9, withPoints: 9, objective: 6 });
  });
});

describe('buildDraft variants', () => {
  it('reads 解析版 papers with 【答案】 after each question, and a mixed single/multiple heading', () => {
    const d = buildDraft(
      lines(`
二、选择题：本题共3小题，每小题6分。第14～15题只有一项符合题目要求，第16题有多项符合题目要求。全部选对的得6分，选对但不全的得3分，有选错的得0分。
14．题干一
A．甲 B．乙 C．丙 D．丁
【答案】B
【解析】因为…
15．题干二
A．甲 B．乙 C．丙 D．丁
【答案】C
16．题干三
A．甲 B．乙 C．丙 D．丁
【答案】AC
`),
      'x.pdf',
    );
    const qs = d.paper.sections[0].questions;
    expect(qs.map((q) => [q.number, q.type, q.answer, q.points])).toEqual([
      ['14', 'single_choice', 'B', 6],
      ['15', 'single_choice', 'C', 6],
      ['16', 'multiple_choice', 'AC', 6],
    ]);
    expect(qs[0].analysis).toBe('【解析】因为…');
  });

  it('links a shared passage to the questions after it, and reads a key table', () => {
    const d = buildDraft(
      lines(`
一、阅读理解（每小题2分）
阅读下面的材料，完成1～2题。
材料一：古人云……
1．材料的主旨是
A．甲 B．乙 C．丙 D．丁
2．作者的态度是
A．甲 B．乙 C．丙 D．丁
答案
题号 1 2
答案 D A
`),
      'y.docx',
    );
    expect(d.paper.passages).toEqual([
      { id: 'p1', content: '阅读下面的材料，完成1～2题。\n\n材料一：古人云……' },
    ]);
    expect(d.paper.sections[0].questions.map((q) => [q.passage, q.type, q.answer])).toEqual([
      ['p1', 'single_choice', 'D'],
      ['p1', 'single_choice', 'A'],
    ]);
  });

  it('does not take a decimal, or a number far ahead, for a question', () => {
    const d = buildDraft(
      lines('一、解答题\n1．求值（10分）\n1.5 米高的杆\n12．不是题号\n2．第二题（10分）'),
      'z.docx',
    );
    expect(d.paper.sections[0].questions.map((q) => q.number)).toEqual(['1', '2']);
    expect(d.paper.sections[0].questions[0].stem).toBe('求值\n\n1.5 米高的杆\n\n12．不是题号');
  });

  it('finds options at the end of the stem line, and an image as an option', () => {
    const d = buildDraft(
      lines(
        '一、选择题\n1．下列说法正确的是（ ）A．甲 B．乙 C．丙 D．丁\n2．如图，则\nA．⟦IMG:images/a.png⟧ B．⟦IMG:images/b.png⟧',
      ),
      'o.docx',
    );
    const [q1, q2] = d.paper.sections[0].questions;
    expect(q1.stem).toBe('下列说法正确的是（ ）');
    expect(q1.options!.map((o) => o.text)).toEqual(['甲', '乙', '丙', '丁']);
    expect(q2.options).toEqual([
      { label: 'A', text: '', image: { file: 'images/a.png' } },
      { label: 'B', text: '', image: { file: 'images/b.png' } },
    ]);
  });

  it("keeps a worked solution whole, its parts' figures included, and splits parts that have options", () => {
    const d = buildDraft(
      lines(`
一、解答题（每小题10分）
1．已知函数。
（1）求导数；⟦IMG:images/f.png⟧
（2）求极值。
2．阅读图表回答。
（1）下列正确的是
A．甲 B．乙
（2）说明理由。
`),
      's.docx',
    );
    const [q1, q2] = d.paper.sections[0].questions;
    expect(q1).toMatchObject({
      type: 'calculation',
      points: 10,
      stem: '已知函数。\n\n(1) 求导数；\n\n(2) 求极值。',
      images: [{ file: 'images/f.png' }],
    });
    expect(q2.type).toBe('composite');
    expect(q2.subQuestions!.map((x) => [x.number, x.type, x.options?.length])).toEqual([
      ['2(1)', 'single_choice', 2],
      ['2(2)', 'calculation', undefined],
    ]);
  });

  it('makes （一）（二） parts sections of their own and keeps 第Ⅱ卷 aside', () => {
    const d = buildDraft(
      lines(`
第Ⅰ卷（选择题）
一、选择题（每小题6分）
1．题一
A．甲 B．乙
第Ⅱ卷（非选择题）
二、非选择题
（一）必考题（每小题12分）
2．题二
（二）选考题：共15分。请考生任选一题作答。
3．（15分）题三
`),
      'p.docx',
    );
    expect(
      d.paper.sections.map((s) => [s.title, s.questions.map((q) => [q.number, q.type, q.points])]),
    ).toEqual([
      ['一、选择题（每小题6分）', [['1', 'single_choice', 6]]],
      ['（一）必考题（每小题12分）', [['2', 'short_answer', 12]]],
      ['（二）选考题：共15分。请考生任选一题作答。', [['3', 'short_answer', 15]]],
    ]);
    expect(d.paper.sections[0].questions[0].options).toHaveLength(2);
    expect(d.unrecognised.map((u) => [u.text, u.reasonCode])).toEqual([
      ['第Ⅰ卷（选择题）', 'part_heading'],
      ['第Ⅱ卷（非选择题）', 'part_heading'],
      ['二、非选择题', 'orphan_text'],
    ]);
  });

  it('flags a MathType image and keeps a marker where it stood', () => {
    const d = buildDraft(
      lines(
        '一、填空题（每小题4分）\n1．已知 ⟦OLE:images/ole-1.png⟧，则 $x=$____。⟦IMG:images/img-2.png⟧',
      ),
      'm.docx',
    );
    const q = d.paper.sections[0].questions[0];
    expect(q.stem).toBe('已知 [公式图片 ole-1.png，请改写为 LaTeX]，则 $x=$____。');
    expect(q.images).toEqual([
      { file: 'images/ole-1.png', alt: 'MathType 公式' },
      { file: 'images/img-2.png' },
    ]);
    expect(d.flags).toEqual([
      {
        code: 'mathtype_image',
        path: 'sections.0.questions.0',
        params: { image: 'images/ole-1.png' },
      },
    ]);
  });
});

describe('text patterns', () => {
  it.each([
    [
      '一、选择题（本题共8小题，每小题5分，共40分）',
      { type: 'single_choice', pointsEach: 5, count: 8, total: 40 },
    ],
    [
      '二、多项选择题：本题共4小题，每小题5分，共20分。部分选对的得2分',
      { type: 'multiple_choice', pointsEach: 5, partialPoints: 2 },
    ],
    ['三、填空题：本题共4小题，每小题5分', { type: 'fill_blank', pointsEach: 5 }],
    ['四、解答题：共70分', { type: 'calculation', total: 70 }],
    ['五、判断题', { type: 'true_false' }],
    ['六、作文（60分）', { type: 'essay' }],
    ['一、现代文阅读（35分）', { type: 'short_answer' }],
    ['二、非选择题：共82分。', { type: 'short_answer', total: 82 }],
  ])('heading %s', (title, expected) => {
    expect(readHeading(title)).toMatchObject(expected);
  });

  it.each([
    ['A．1 B．2 C．3 D．4', ['1', '2', '3', '4']],
    ['A. $x$\u3000B. $y$', ['$x$', '$y$']],
    ['A．只有一个', null],
    ['C．1 D．2', ['1', '2']],
    ['见 A．1', null],
  ])('inline options %s', (text, expected) => {
    expect(splitInlineOptions(text)?.map((o) => o.text) ?? null).toEqual(expected);
  });

  it.each([
    ['A', 'A'],
    ['A、C、D', 'ACD'],
    ['DB', 'BD'],
    ['Ｂ', 'B'],
    ['见解析', null],
  ])('letters %s', (text, expected) => expect(readLetters(text)).toBe(expected));

  it.each([
    ['√', true],
    ['正确', true],
    ['×', false],
    ['错误', false],
    ['也许', null],
  ])('true/false %s', (text, expected) => expect(readTrueFalse(text)).toBe(expected));

  it.each([
    ['$\\frac{1}{2}$；3', 2, ['$\\frac{1}{2}$', '3']],
    ['①3 ②5', 2, ['3', '5']],
    ['$(1,2)$，4', 2, ['$(1,2)$', '4']],
    ['7', 1, ['7']],
  ])('blank answers %s', (text, blanks, expected) =>
    expect(splitBlankAnswers(text, blanks)).toEqual(expected),
  );

  it.each([
    ['$x=$______，$y=$______', false, 2],
    ['则（\u3000）', false, 0],
    ['则（\u3000）', true, 1],
  ])('blanks in %s', (text, brackets, n) => expect(countBlanks(text, brackets)).toBe(n));
});
