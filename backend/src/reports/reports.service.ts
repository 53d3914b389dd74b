import { Inject, Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { Histogram } from '../statistics/distribution';
import { buildReport, slices } from './domain/report';
import { Figure, Report, ReportQuestion } from './domain/report.types';
import { ReportRepository, ReportScope } from './report.repository';
import { JudgeQualityService } from '../judge-quality/judge-quality.service';
import { ScoringQuery, withSourcePoints } from './report-scoring-source';
import { ReportScoringRepository } from './report-scoring.repository';

export const REPORT_SEED = 20261128;
const REPLICATES = 1000;
/** Below this quadratic weighted kappa, markers disagree too much to judge a model (a common bar for essay scoring). */
const MIN_QWK = 0.7;

export type FullReport = ReturnType<typeof withSourcePoints<Report>> & {
  subjectGroups: Record<string, string>;
  generatedMs: number;
};

@Injectable()
export class ReportsService {
  constructor(
    private readonly data: ReportRepository,
    private readonly scoringRepo: ReportScoringRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly judgeQuality: JudgeQualityService,
  ) {}

  async report(scope: ReportScope & ScoringQuery, seed = REPORT_SEED): Promise<FullReport> {
    const started = performance.now();
    const entries = await this.data.entries(scope);
    const questions = entries.length
      ? await this.data.questions(scope, entries, this.config.subjectGroups)
      : [];
    const ids = questions.map((q) => q.id);
    // The scoring source (teachers by default) decides per unit whose score counts: report-scoring-source.ts.
    const scoring = await this.scoringRepo.resolveScoring(scope, ids, (judge, qs) =>
      this.judgeQuality.validatedQuestions(judge, qs),
    );
    const [units, cohorts, agreementPairs] = await Promise.all([
      this.scoringRepo.scoredUnits(entries, ids, scoring),
      this.data.cohorts(scope, [...new Set(questions.map((q) => q.paperVersionId))]),
      this.data.agreementPairs(questions.filter((q) => !q.isObjective).map((q) => q.id)),
    ]);
    // Student totals over the questions each model has scored per paper: the stored distribution
    // when that is the whole paper, one SQL aggregation per distinct partial set otherwise.
    const byPaper = new Map(cohorts.map((c) => [c.paperVersionId, c]));
    const paperOf = new Map(questions.map((q) => [q.id, q.paperVersionId]));
    const needed = new Map<string, { cohortId: string; ids: string[] }>();
    const scoredBy = new Map<string, string[]>();
    for (const u of units) {
      const c = byPaper.get(paperOf.get(u.questionId)!);
      if (!u.scored || !c?.means.has(u.questionId)) continue;
      const k = `${u.entryKey}|${c.id}`;
      scoredBy.set(k, [...(scoredBy.get(k) ?? []), u.questionId]);
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    const keyOf = (cohortId: string, qs: string[]) =>
      `${cohortId}|${[...qs].sort((a, b) => order.get(a)! - order.get(b)!).join(',')}`;
    const histograms = new Map<string, Histogram | null>();
    for (const c of cohorts)
      histograms.set(
        keyOf(
          c.id,
          c.questionIds.filter((q) => order.has(q)),
        ),
        c.histogram,
      );
    for (const [k, qs] of scoredBy) {
      const cohortId = k.split('|')[1];
      const key = keyOf(cohortId, qs);
      if (!histograms.has(key)) needed.set(key, { cohortId, ids: qs });
    }
    const matrix = new Set(cohorts.filter((c) => c.histogram).map((c) => c.id));
    for (const [key, n] of needed)
      histograms.set(
        key,
        matrix.has(n.cohortId) ? await this.data.totals(n.cohortId, n.ids) : null,
      );

    const report = buildReport({
      questions,
      cohorts,
      entries,
      units,
      agreementPairs,
      totals: (cohortId, qs) => histograms.get(keyOf(cohortId, qs)) ?? null,
      replicates: REPLICATES,
      seed,
      minQwk: MIN_QWK,
    });
    return {
      ...withSourcePoints(report, questions, units, scoring),
      subjectGroups: this.config.subjectGroups,
      generatedMs: Math.round(performance.now() - started),
    };
  }

  /** The answers and marks behind one figure. */
  async drill(
    scope: ReportScope,
    entryKey: string,
    dimension: Figure['dimension'] | 'question',
    value: string,
  ) {
    const [runId, modelId] = entryKey.split(':');
    const entries = (
      await this.data.entries({ ...scope, runIds: [runId], modelIds: [modelId] })
    ).filter((e) => e.key === entryKey);
    if (!entries.length)
      throw new DomainError(`no answers of model ${modelId} in run ${runId}`, 404);
    const questions = await this.data.questions(scope, entries, this.config.subjectGroups);
    const slice: ReportQuestion[] | undefined =
      dimension === 'question'
        ? questions.filter((q) => q.id === value)
        : slices(questions).find(([d, v]) => d === dimension && v === value)?.[2];
    if (!slice?.length)
      throw new DomainError(`no figure ${dimension}=${value} for this model and run`, 404);
    const rows = await this.data.drillRows(
      runId,
      modelId,
      slice.map((q) => q.id),
    );
    // Each judge's latest judgement beside the teachers' reads (report-scoring-source.ts).
    return this.scoringRepo.judgeReadsOf(rows);
  }

  /** Every mark behind the report's model answers (for the "marks" export sheet). */
  marks(report: FullReport) {
    return this.data.marks(report.entries);
  }

  /** An export leaves the workbench with model results: who took which runs, papers and models, in which format. */
  recordExport(format: 'csv' | 'xlsx', scope: ReportScope, report: FullReport, actor: AuditActor) {
    return this.audit.record(actor, {
      action: 'report_export',
      entityType: 'report',
      after: {
        format,
        runIds: [...new Set(report.entries.map((e) => e.runId))],
        modelIds: [...new Set(report.entries.map((e) => e.modelId))],
        paperVersionIds: scope.paperVersionIds ?? [],
        subjects: scope.subjects ?? [],
        questions: report.heatMap.length,
      },
    });
  }
}
