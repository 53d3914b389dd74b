import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { Histogram } from '../statistics/distribution';
import { buildReport, slices } from './domain/report';
import { Figure, Report, ReportQuestion } from './domain/report.types';
import { ReportData, ReportScope } from './report-data';
import { JudgeQualityService } from '../judge-quality/judge-quality.service';
import { ScoringQuery, withSourcePoints } from './report-scoring-source';
import { judgeReadsOf, resolveScoring, scoredUnits } from './report-scoring.repository';

export const REPORT_SEED = 20261128;
const REPLICATES = 1000;
/** Below this quadratic weighted kappa, markers disagree too much to judge a model (a common bar for essay scoring). */
const MIN_QWK = 0.7;

export type FullReport = ReturnType<typeof withSourcePoints<Report>> & { subjectGroups: Record<string, string>; generatedMs: number };

@Injectable()
export class ReportsService {
  private readonly data: ReportData;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly judgeQuality: JudgeQualityService,
  ) {
    this.data = new ReportData(db);
  }

  async report(scope: ReportScope & ScoringQuery, seed = REPORT_SEED): Promise<FullReport> {
    const started = performance.now();
    const entries = await this.data.entries(scope);
    const questions = entries.length ? await this.data.questions(scope, entries, this.config.subjectGroups) : [];
    const ids = questions.map((q) => q.id);
    // The scoring source (teachers by default) decides per unit whose score counts: report-scoring-source.ts.
    const scoring = await resolveScoring(this.db, scope, ids, (judge, qs) => this.judgeQuality.validatedQuestions(judge, qs));
    const [units, cohorts, agreementPairs] = await Promise.all([
      scoredUnits(this.db, entries, ids, scoring),
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
    const keyOf = (cohortId: string, qs: string[]) => `${cohortId}|${[...qs].sort((a, b) => order.get(a)! - order.get(b)!).join(',')}`;
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
    for (const [key, n] of needed) histograms.set(key, matrix.has(n.cohortId) ? await this.data.totals(n.cohortId, n.ids) : null);

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
  async drill(scope: ReportScope, entryKey: string, dimension: Figure['dimension'] | 'question', value: string) {
    const [runId, modelId] = entryKey.split(':');
    const entries = (await this.data.entries({ ...scope, runIds: [runId], modelIds: [modelId] })).filter((e) => e.key === entryKey);
    if (!entries.length) throw new DomainError(`no answers of model ${modelId} in run ${runId}`, 404);
    const questions = await this.data.questions(scope, entries, this.config.subjectGroups);
    const slice: ReportQuestion[] | undefined =
      dimension === 'question'
        ? questions.filter((q) => q.id === value)
        : slices(questions).find(([d, v]) => d === dimension && v === value)?.[2];
    if (!slice?.length) throw new DomainError(`no figure ${dimension}=${value} for this model and run`, 404);
    const rows: { responseId: string; questionId: string }[] = await this.db.query(
      `SELECT u.response_id AS "responseId", u.question_id AS "questionId", v.title AS "paperTitle", q.number, q.points::float AS "maxPoints", u.sample_index AS sample,
              u.state, u.score::float AS score, left(r.text, 400) AS excerpt,
              (SELECT json_agg(json_build_object('marker', mu.display_name, 'kind', k.read_kind, 'points', k.points::float, 'at', k.created_at) ORDER BY k.id)
               FROM marks k JOIN users mu ON mu.id = k.marker_id WHERE k.task_id = u.task_id) AS marks
       FROM unit_scores u JOIN responses r ON r.id = u.response_id JOIN questions q ON q.id = u.question_id
       JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE u.run_id = $1 AND u.model_id = $2 AND u.question_id = ANY($3)
       ORDER BY v.title, q.ordinal, u.sample_index`,
      [runId, modelId, slice.map((q) => q.id)],
    );
    // Each judge's latest judgement beside the teachers' reads (report-scoring-source.ts).
    return judgeReadsOf(this.db, rows);
  }

  /** Every mark behind the report's model answers (for the "marks" export sheet). */
  marks(report: FullReport) {
    return this.db.query(
      `SELECT v.title AS paper, q.number AS question, m.name AS model, r.sample_index AS sample, mu.display_name AS marker,
              k.read_kind AS kind, k.points::float AS points, k.seconds_spent AS seconds, k.created_at AS at
       FROM marks k JOIN marking_tasks t ON t.id = k.task_id JOIN responses r ON r.id = t.response_id
       JOIN ai_models m ON m.id = r.model_id JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       JOIN users mu ON mu.id = k.marker_id
       WHERE r.source_kind = 'model' AND (r.run_id, r.model_id) IN (SELECT x.run_id, x.model_id FROM unnest($1::uuid[], $2::uuid[]) x(run_id, model_id))
       ORDER BY v.title, q.ordinal, m.name, k.id`,
      [report.entries.map((e) => e.runId), report.entries.map((e) => e.modelId)],
    );
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
