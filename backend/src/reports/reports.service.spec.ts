import { AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { JudgeQualityService } from '../judge-quality/judge-quality.service';
import { ModelUnit, ReportEntry, ReportQuestion } from './domain/report.types';
import { ReportRepository, ReportScope } from './report.repository';
import { Scoring, ScoringQuery } from './report-scoring-source';
import { ReportScoringRepository } from './report-scoring.repository';
import { ReportsService } from './reports.service';

/*
 * The report service with fake repositories: the filters reach the reads, the scoring source
 * decides the units, the drill-down asks for exactly the figure's questions, and a simulated
 * model stays marked on its entry. One model, two maths questions of 10 points (8 and 4), students
 * 5 and 5: model 12/20 = 0.6 against 0.5, +0.1.
 */
const entry: ReportEntry = {
  key: 'run:M',
  runId: 'run',
  runName: 'run',
  modelId: 'M',
  modelName: 'M',
  previousKey: null,
  isSimulated: true,
};
const question = (id: string, grade: number): ReportQuestion => ({
  id,
  paperVersionId: 'P',
  paperTitle: 'Paper',
  number: id,
  subject: 'math',
  group: 'sciences',
  type: 'calculation',
  isObjective: false,
  tags: [],
  grade,
  stage: 'junior',
  maxPoints: 10,
});

function setup() {
  const calls: {
    entries: ReportScope[];
    drill: [string, string, string[]][];
    scoring: ScoringQuery[];
  } = {
    entries: [],
    drill: [],
    scoring: [],
  };
  const data = {
    entries: async (scope: ReportScope) => (calls.entries.push(scope), [entry]),
    questions: async () => [question('q1', 8), question('q2', 9)],
    cohorts: async () => [
      {
        id: 'C',
        paperVersionId: 'P',
        name: 'C',
        isSynthetic: false,
        students: 30,
        means: new Map([
          ['q1', 5],
          ['q2', 5],
        ]),
        replicates: null,
        replicateQuestions: [],
        histogram: null,
        questionIds: ['q1', 'q2'],
      },
    ],
    agreementPairs: async () => new Map(),
    drillRows: async (runId: string, modelId: string, ids: string[]) => (
      calls.drill.push([runId, modelId, ids]),
      []
    ),
  } as unknown as ReportRepository;
  const scoringRepo = {
    resolveScoring: async (q: ScoringQuery): Promise<Scoring> => (
      calls.scoring.push(q),
      { source: q.scoringSource ?? 'teachers', judge: null, validatedQuestionIds: [] }
    ),
    scoredUnits: async (
      _e: ReportEntry[],
      ids: string[],
      s: Scoring,
    ): Promise<(ModelUnit & { sources: object })[]> =>
      ids.map((questionId, i) => ({
        entryKey: 'run:M',
        questionId,
        scored: 1,
        score: s.source === 'judge_only' ? 0 : [8, 4][i],
        pending: 0,
        notScored: 0,
        notApplicable: 0,
        sources: { rules: 0, teachers: 1, judge: 0 },
      })),
    judgeReadsOf: async <T>(rows: T[]) => rows,
  } as unknown as ReportScoringRepository;
  const config = { subjectGroups: { math: 'sciences' } } as unknown as AppConfig;
  const service = new ReportsService(
    data,
    scoringRepo,
    config,
    {} as AuditService,
    {} as JudgeQualityService,
  );
  return { service, calls };
}

describe('ReportsService (fake repositories)', () => {
  it('passes every filter to the reads and computes on the scoring source’s units', async () => {
    const { service, calls } = setup();
    const scope = {
      modelIds: ['M'],
      subjects: ['math'],
      stages: ['junior'],
      grades: [8, 9],
      roundId: 'R',
    };
    const r = await service.report({ ...scope, scoringSource: 'judge_only' });
    expect(calls.entries[0]).toMatchObject(scope);
    expect(calls.scoring[0]).toMatchObject({ scoringSource: 'judge_only' });
    const overall = r.figures.find((f) => f.dimension === 'overall')!;
    expect(overall.modelRate).toBe(0);
    const teachers = (await service.report(scope)).figures.find((f) => f.dimension === 'overall')!;
    expect(teachers.modelRate).toBeCloseTo(0.6, 10);
    expect(teachers.diff).toBeCloseTo(0.1, 10);
    expect(r.entries[0].isSimulated).toBe(true);
  });

  it('drills into exactly the figure’s questions, and refuses an entry with no answers', async () => {
    const { service, calls } = setup();
    await service.drill({}, 'run:M', 'grade', '9');
    expect(calls.drill).toEqual([['run', 'M', ['q2']]]);
    await expect(service.drill({}, 'other:M', 'overall', 'all')).rejects.toMatchObject({
      status: 404,
    });
    await expect(service.drill({}, 'run:M', 'grade', '3')).rejects.toMatchObject({ status: 404 });
  });
});
