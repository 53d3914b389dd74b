import { answerForMarker, excerptForMarker } from './answer-for-marker';

describe('answerForMarker: nothing in the form of an answer says a model wrote it', () => {
  it.each([
    [
      'GAOKAO-Bench end markers',
      '(1)【解析】因为 $a=1$。<eoe>\n【答案】$a=1$<eoa>',
      '(1)因为 $a=1$。\n$a=1$',
    ],
    ['chat-template tokens', '答：略。<|im_end|>', '答：略。'],
    ['Llama end tokens', 'The answer is 2.<|eot_id|><|end_of_text|>', 'The answer is 2.'],
    ['DeepSeek end token', '所以 x=3。<｜end▁of▁sentence｜>', '所以 x=3。'],
    [
      'a closed reasoning block',
      '<think>Let me check the options…</think>\n\n故选 B。',
      '故选 B。',
    ],
    ['an unclosed reasoning tag', '<think>所以面积为 6', '所以面积为 6'],
    ['the contract tag with a colon', '【答案】：$\\frac{1}{2}$', '$\\frac{1}{2}$'],
    ['end marker followed by blank lines', '略<eoe>\n\n\n\n下一段', '略\n\n下一段'],
    ['CRLF line ends', '第一行\r\n第二行<eoa>', '第一行\n第二行'],
    ['</s> of sentencepiece models', '答案为 4</s>', '答案为 4'],
  ])('%s', (_, raw, shown) => {
    expect(answerForMarker(raw)).toBe(shown);
  });

  it.each([
    ['a student writes 答案：', '答案：x=2'],
    ['maths with < and >', '$a<b$ 且 $c>d$，故 $x \\in (1, 2)$'],
    ['a Markdown table', '| x | y |\n|---|---|\n| 1 | 2 |'],
    ['HTML a student typed', '<b>粗体</b> <script>alert(1)</script>'],
    ['Chinese brackets that are not contract tags', '【材料一】说明了……'],
  ])('leaves %s as written', (_, raw) => {
    expect(answerForMarker(raw)).toBe(raw);
  });
});

describe('excerptForMarker', () => {
  it('cuts outside formulas and says where it cut', () => {
    expect(excerptForMarker('解：由 $\\frac{25}{31}$ 得<eoa>', 100)).toBe(
      '解：由 $\\frac{25}{31}$ 得',
    );
    expect(excerptForMarker('因为 $a^2+b^2=c^2$ 所以', 8)).toBe('因为…');
    expect(excerptForMarker('第一行\n\n第二行很长很长', 7)).toBe('第一行 第二行…');
  });
});
