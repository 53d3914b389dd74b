import { ReportQuestion } from './domain/report.types';
import { SourcedUnit, sourcePointsOf } from './report-scoring-source';

const q = (id: string, maxPoints: number) => ({ id, maxPoints }) as ReportQuestion;
const unit = (
  questionId: string,
  scored: number,
  pending: number,
  sources: SourcedUnit['sources'],
): SourcedUnit => ({
  entryKey: 'e',
  questionId,
  scored,
  score: null,
  pending,
  notScored: 0,
  notApplicable: 0,
  sources,
});

describe('points by source', () => {
  /**
   * q1 (6 points, 4 samples): 2 by teachers, 1 by the judge, 1 pending → 3, 1.5, 1.5 none.
   * q2 (5 points, 1 sample): scored by the rules → 5.
   * q3 (2 points) is not in the figure's set: not counted.
   */
  it('shares each question’s points among its samples by where their scores came from', () => {
    const units = new Map([
      ['q1', unit('q1', 3, 1, { rules: 0, teachers: 2, judge: 1 })],
      ['q2', unit('q2', 1, 0, { rules: 1, teachers: 0, judge: 0 })],
      ['q3', unit('q3', 1, 0, { rules: 0, teachers: 1, judge: 0 })],
    ]);
    expect(sourcePointsOf([q('q1', 6), q('q2', 5)], units)).toEqual({
      rules: 5,
      teachers: 3,
      judge: 1.5,
      none: 1.5,
    });
  });
});
