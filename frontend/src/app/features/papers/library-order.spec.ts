import { libraryOrder, subjectLabelKey } from './library-order';
import { PaperSummary } from './papers.models';

const paper = (title: string, year: number, subject: string, grade: number, stage = 'primary') =>
  ({ title, year, subject, grade, stage }) as PaperSummary;

describe('libraryOrder', () => {
  it('puts the CMATH papers in grade order, not in the code-point order of their titles', () => {
    // The server's order (year, subject, title): 一 三 二 五 六 四.
    const server = ['一', '三', '二', '五', '六', '四'].map((g, i) =>
      paper(`小学${g}年级数学应用题（CMATH）`, 2023, 'math', [1, 3, 2, 5, 6, 4][i]),
    );
    expect(libraryOrder(server).map((p) => p.grade)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps newest year first, then subject, and the server order within one grade', () => {
    const server = [
      paper('2024 chinese', 2024, 'chinese', 9, 'junior'),
      paper('2024 math b', 2024, 'math', 6),
      paper('2024 math a', 2024, 'math', 6),
      paper('2023 math 7', 2023, 'math', 7, 'junior'),
      paper('2023 math 1', 2023, 'math', 1),
    ];
    expect(libraryOrder(server).map((p) => p.title)).toEqual([
      '2024 chinese',
      '2024 math b',
      '2024 math a',
      '2023 math 1',
      '2023 math 7',
    ]);
  });
});

describe('subjectLabelKey', () => {
  it('calls politics below senior high 道德与法治, and senior politics politics', () => {
    expect(subjectLabelKey({ subject: 'politics', stage: 'primary' })).toBe(
      'library.subject.ethics',
    );
    expect(subjectLabelKey({ subject: 'politics', stage: 'junior' })).toBe(
      'library.subject.ethics',
    );
    expect(subjectLabelKey({ subject: 'politics', stage: 'senior' })).toBe('subject.politics');
    expect(subjectLabelKey({ subject: 'math', stage: 'primary' })).toBe('subject.math');
  });
});
