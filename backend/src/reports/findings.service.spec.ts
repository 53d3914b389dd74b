import { AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { JudgeQualityService } from '../judge-quality/judge-quality.service';
import { ModelUnit, ReportCohort, ReportEntry, ReportQuestion } from './domain/report.types';
import { FindingsService } from './findings.service';
import { ReportRepository, ReportScope } from './report.repository';
import { Scoring, ScoringQuery } from './report-scoring-source';
import { ReportScoringRepository } from './report-scoring.repository';
import { RoundsRepository } from './rounds.repository';

/*
 * The findings service with fake repositories: the report's filters reach every read of both
 * rounds (runs aside), the scoring source decides whose scores the figures use, one judge serves
 * both rounds, and a filter that narrows the slice is passed on so the findings can say so.
 *
 * One paper per round, maths (sciences) and history (humanities), each question 10 points with a
 * student mean of 5. Model M scores 8 on every question from teachers, 2 from the judge.
 *   teachers: rate 0.8 vs 0.5 → +0.30;  judge only: 0.2 vs 0.5 → −0.30.
 */
const JUDGE = { judgeModelId: 'J', templateVersion: 'v1', name: 'Judge' };
const ROUNDS = {
  R2: {
    id: 'R2',
    name: '2024 秋冬',
    heldOn: '2024-12-01',
    notes: '',
    createdAt: new Date(),
    runs: [],
    papers: 1,
  },
  R1: {
    id: 'R1',
    name: '2024 春',
    heldOn: '2024-04-01',
    notes: '',
    createdAt: new Date(),
    runs: [],
    papers: 1,
  },
};

const question = (id: string, paperVersionId: string, subject: string): ReportQuestion => ({
  id,
  paperVersionId,
  paperTitle: paperVersionId,
  number: id,
  subject,
  group: subject === 'history' ? 'humanities' : 'sciences',
  type: 'calculation',
  isObjective: false,
  tags: [],
  grade: 9,
  stage: 'junior',
  maxPoints: 10,
});

function setup() {
  const scopes: ReportScope[] = [];
  const scoringQueries: ScoringQuery[] = [];
  const run = (roundId?: string) => (roundId === 'R1' ? 'run1' : 'run2');
  const data = {
    entries: async (scope: ReportScope): Promise<ReportEntry[]> => {
      scopes.push(scope);
      const r = run(scope.roundId);
      return [
        {
          key: `${r}:M`,
          runId: r,
          runName: r,
          modelId: 'M',
          modelName: 'M',
          previousKey: null,
          isSimulated: false,
        },
      ];
    },
    questions: async (scope: ReportScope) =>
      [
        question(`${scope.roundId}-m`, `${scope.roundId}-P`, 'math'),
        question(`${scope.roundId}-h`, `${scope.roundId}-P`, 'history'),
      ].filter((q) => !scope.subjects?.length || scope.subjects.includes(q.subject)),
    cohorts: async (_scope: ReportScope, papers: string[]): Promise<ReportCohort[]> =>
      papers.map((p) => ({
        id: `C-${p}`,
        paperVersionId: p,
        name: p,
        isSynthetic: false,
        students: 40,
        means: new Map([
          [`${p.split('-')[0]}-m`, 5],
          [`${p.split('-')[0]}-h`, 5],
        ]),
        replicates: null,
        replicateQuestions: [],
      })),
  } as unknown as ReportRepository;
  const scoringRepo = {
    resolveScoring: async (q: ScoringQuery): Promise<Scoring> => {
      scoringQueries.push(q);
      const source = q.scoringSource ?? 'teachers';
      return { source, judge: source === 'teachers' ? null : JUDGE, validatedQuestionIds: [] };
    },
    scoredUnits: async (
      entries: ReportEntry[],
      ids: string[],
      scoring: Scoring,
    ): Promise<ModelUnit[]> =>
      ids.map((questionId) => ({
        entryKey: entries[0].key,
        questionId,
        scored: 1,
        score: scoring.source === 'judge_only' ? 2 : 8,
        pending: 0,
        notScored: 0,
        notApplicable: 0,
      })),
  } as unknown as ReportScoringRepository;
  const rounds = {
    latest: async () => 'R2',
    get: async (id: 'R1' | 'R2') => ROUNDS[id] ?? null,
    previous: async (id: string) => (id === 'R2' ? { id: 'R1', name: '2024 春' } : null),
  } as unknown as RoundsRepository;
  const config = {
    subjectGroups: { math: 'sciences', history: 'humanities' },
  } as unknown as AppConfig;
  const judgeQuality = {
    validatedQuestions: async () => new Set<string>(),
  } as unknown as JudgeQualityService;
  const service = new FindingsService(
    data,
    scoringRepo,
    rounds,
    config,
    {} as AuditService,
    judgeQuality,
  );
  return { service, scopes, scoringQueries };
}

const overall = (fs: { code: string; params: Record<string, unknown> }[]) =>
  fs.find(
    (f) => f.code.startsWith('finding.model_vs_students.') && f.params.dimension === 'overall',
  )!;

describe('FindingsService (fake repositories)', () => {
  it('reads both rounds with the report’s filters, the runs filter aside (a round decides its runs)', async () => {
    const { service, scopes } = setup();
    const filters = {
      modelIds: ['M'],
      paperVersionIds: ['P'],
      subjects: ['math'],
      stages: ['junior'],
      grades: [9],
      cohortIds: ['C'],
      runIds: ['other-run'],
    };
    const f = await service.findings(filters);
    expect(f.round?.id).toBe('R2');
    expect(scopes.map((s) => s.roundId)).toEqual(['R2', 'R1']);
    for (const s of scopes) {
      expect(s).toMatchObject({
        modelIds: ['M'],
        paperVersionIds: ['P'],
        subjects: ['math'],
        stages: ['junior'],
        grades: [9],
        cohortIds: ['C'],
      });
      expect(s.runIds).toBeUndefined();
    }
    expect(f.filters).toEqual({
      narrowed: ['modelIds', 'paperVersionIds', 'subjects', 'stages', 'grades'],
      runsIgnored: true,
    });
  });

  it('computes on the slice: one subject leaves no humanities–sciences index, and the finding says the filter is why', async () => {
    const { service } = setup();
    const all = await service.findings({});
    expect(all.filters.narrowed).toEqual([]);
    expect(all.findings.some((x) => x.code.startsWith('finding.gap.model.'))).toBe(true);
    const maths = await service.findings({ subjects: ['math'] });
    const gap = maths.findings.find((x) => x.code.startsWith('finding.gap.'))!;
    expect(gap.code).toBe('finding.gap.unavailable.filtered');
    expect(gap.params).toMatchObject({ present: ['sciences'], missing: ['humanities'] });
  });

  it('takes the scoring source: the judge’s scores change the figure, and the previous round is read with the same judge', async () => {
    const { service, scoringQueries } = setup();
    const teachers = await service.findings({});
    expect(teachers.scoring).toEqual({ source: 'teachers', judge: null });
    expect(overall(teachers.findings).params.diff).toBeCloseTo(0.3, 10);
    scoringQueries.length = 0;
    const judge = await service.findings({ scoringSource: 'judge_only' });
    expect(judge.scoring).toEqual({ source: 'judge_only', judge: JUDGE });
    expect(overall(judge.findings).params.diff).toBeCloseTo(-0.3, 10);
    expect(overall(judge.findings).code).toBe('finding.model_vs_students.below');
    expect(scoringQueries).toEqual([
      { scoringSource: 'judge_only' },
      { scoringSource: 'judge_only', judge: 'J', judgeTemplate: 'v1' },
    ]);
  });

  it('says there is no round rather than failing when the install has none', async () => {
    const { service } = setup();
    (service as unknown as { rounds: { latest: () => Promise<null> } }).rounds.latest = async () =>
      null;
    const f = await service.findings({ scoringSource: 'judge_only' });
    expect(f).toMatchObject({
      round: null,
      findings: [],
      scoring: { source: 'judge_only', judge: null },
    });
  });
});
