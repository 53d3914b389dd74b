import {
  answerContract,
  RenderableQuestion,
  renderForModel,
  TEMPLATE_VERSION,
} from './prompt-render';

const paper = { title: '测试卷', subject: 'physics', language: 'zh' };
const base: RenderableQuestion = {
  number: '3',
  type: 'single_choice',
  points: 6,
  stem: '如图，$v-t$ 图象为正弦曲线。',
  options: [
    { label: 'A', text: '外力做正功' },
    { label: 'B', text: '外力做负功' },
  ],
  blanks: null,
  images: [{ sha256: 'a'.repeat(64), alt: null, optionLabel: null }],
  passage: null,
  subQuestions: [],
};

describe('renderForModel', () => {
  it('puts images as image_url parts in vision mode, in order after their text', () => {
    const p = renderForModel(
      paper,
      base,
      'vision',
      new Map([['a'.repeat(64), 'data:image/jpeg;base64,AAAA']]),
    );
    expect(p.templateVersion).toBe(TEMPLATE_VERSION);
    expect(p.messages[0].role).toBe('system');
    const parts = p.messages[1].content as { type: string }[];
    expect(parts.map((x) => x.type)).toEqual(['text', 'image_url', 'text']);
    expect(parts[1]).toEqual({
      type: 'image_url',
      image_url: { url: 'data:image/jpeg;base64,AAAA' },
    });
    expect(p.flags).toEqual([]);
    expect(p.imageCount).toBe(1);
  });

  it('flags an image question rendered as text and says so in the prompt', () => {
    const p = renderForModel(paper, base, 'text');
    expect(p.flags).toEqual(['image_question_in_text_mode']);
    expect(p.messages[1].content).toContain('[图 1：此处有图片，纯文本模式下未提供]');
  });

  it('keeps LaTeX and options verbatim and ends with the answer contract', () => {
    const p = renderForModel(paper, { ...base, images: [] }, 'text');
    const text = p.messages[1].content as string;
    expect(text).toContain('$v-t$');
    expect(text).toContain('A. 外力做正功\nB. 外力做负功');
    expect(text.endsWith('【答案】B')).toBe(true);
    expect(p.flags).toEqual([]);
  });

  it('renders a composite with its passage and one contract tag per sub-question', () => {
    const sub = (n: string): RenderableQuestion => ({
      ...base,
      number: n,
      points: 2,
      images: [],
      options: [{ label: 'A' }, { label: 'B' }],
    });
    const q: RenderableQuestion = {
      ...base,
      type: 'composite',
      number: '21-23',
      stem: '',
      images: [],
      options: null,
      passage: 'Passage text.',
      subQuestions: [sub('21'), sub('22'), sub('23')],
    };
    const text = renderForModel(paper, q, 'text').messages[1].content as string;
    expect(text.startsWith('阅读下面的材料，完成后面的题目。\nPassage text.')).toBe(true);
    expect(text).toContain('小题21（2 分）');
    expect(text).toContain('（选项：A、B，见材料）');
    expect(text).toContain('【答案21】… 【答案22】… …');
  });

  it('refuses to render a vision prompt with an image it has no rendering for', () => {
    expect(() => renderForModel(paper, base, 'vision', new Map())).toThrow(/has no rendering/);
  });
});

describe('answerContract', () => {
  it.each([
    ['single_choice', null, '【答案】B'],
    ['multiple_choice', null, '【答案】ACD'],
    ['true_false', null, '【答案】正确 或 【答案】错误'],
    ['fill_blank', 2, '【第1空】… 【第2空】…'],
    ['calculation', null, '“【答案】”'],
  ])('%s asks for a tagged answer', (type, blanks, expected) => {
    expect(
      answerContract({ ...base, type: type as string, blanks: blanks as number | null }),
    ).toContain(expected);
  });
});
