import { pdfLines } from './pdf-lines';

const item = (str: string, x: number, y: number, width = str.length * 10, height = 10) => ({
  str,
  x,
  y,
  width,
  height,
});

describe('pdfLines', () => {
  it.each([
    [
      'items on one baseline, out of order, become one line read left to right',
      [item('B．2', 200, 100), item('A．1', 50, 100)],
      ['A．1 B．2'],
    ],
    [
      'a small vertical jitter stays on the line',
      [item('1．已知', 50, 100), item('x', 90, 102)],
      ['1．已知x'],
    ],
    [
      'touching items join without a space',
      [item('已知', 50, 100, 20), item('集合', 70, 100, 20)],
      ['已知集合'],
    ],
    [
      'a short line ends its paragraph; lines are read top first',
      [item('第二行很长很长', 50, 130), item('第一行', 50, 100)],
      ['第一行', '第二行很长很长'],
    ],
  ])('%s', (_name, items, expected) => {
    expect(pdfLines([{ pageNumber: 1, textItems: items }]).lines.map((l) => l.text)).toEqual(
      expected,
    );
  });

  it('joins a paragraph wrapped at the right margin, but not a question or an option after it', () => {
    const items = [
      item('1．一段很长的题干一直写到', 50, 100, 500),
      item('右边距为止', 50, 120, 50),
      item('A．甲', 50, 140, 500),
      item('B．乙', 50, 160, 40),
      item('下一段', 50, 180, 30),
    ];
    expect(pdfLines([{ pageNumber: 1, textItems: items }]).lines.map((l) => l.text)).toEqual([
      '1．一段很长的题干一直写到右边距为止',
      'A．甲',
      'B．乙',
      '下一段',
    ]);
  });

  it('keeps page numbers and footers aside, with their page', () => {
    const { lines, furniture } = pdfLines([
      {
        pageNumber: 1,
        textItems: [item('1．题目', 50, 100), item('数学试题 第 1 页（共 4 页）', 200, 800)],
      },
      { pageNumber: 2, textItems: [item('2', 290, 800), item('2．题目', 50, 100)] },
    ]);
    expect(lines).toEqual([
      { text: '1．题目', page: 1 },
      { text: '2．题目', page: 2 },
    ]);
    expect(furniture).toEqual([
      { text: '数学试题 第 1 页（共 4 页）', page: 1, reasonCode: 'page_furniture' },
      { text: '2', page: 2, reasonCode: 'page_furniture' },
    ]);
  });
});
