import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TOLERANCE_SQL } from '../marking/marking-sql';
import { Histogram } from '../statistics/distribution';
import type { DrillRow } from '@yuejuan/contracts';
import { ReportCohort, ReportEntry, ReportQuestion } from './domain/report.types';

/** One answer's scored unit behind a figure, with its marks (the judges' reads are joined after). */
export type { DrillRow } from '@yuejuan/contracts';

/** What a report is asked for; every list is optional and empty means "all". */
export interface ReportScope {
  runIds?: string[];
  modelIds?: string[];
  paperVersionIds?: string[];
  subjects?: string[];
  cohortIds?: string[];
  /** School stages (primary, junior, senior) and grades (1–12) of the papers. */
  stages?: string[];
  grades?: number[];
  /** Only the runs of this evaluation round. */
  roundId?: string;
}

const orNull = <T>(xs?: T[]) => (xs?.length ? xs : null);

/**
 * The report's reads, each one SQL aggregation: entries (run × model), per-question model results
 * from the unit_scores view, questions, cohorts with their precomputed statistics, marker pairs,
 * and the rows behind a figure. Raw SQL: each is an aggregation or a DISTINCT ON over the
 * unit_scores view and the marks, which TypeORM's query builder would only spell longer.
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly db: DataSource) {}

  /** Run × model pairs with answers in the scope (a model with none on the chosen papers or subjects is no row). */
  async entries(scope: ReportScope): Promise<ReportEntry[]> {
    const rows: {
      runId: string;
      runName: string;
      modelId: string;
      modelName: string;
      isSimulated: boolean;
    }[] = await this.db.query(
      `SELECT rm.run_id AS "runId", r.name AS "runName", rm.model_id AS "modelId", m.name AS "modelName", m.is_simulated AS "isSimulated"
       FROM run_models rm JOIN runs r ON r.id = rm.run_id JOIN ai_models m ON m.id = rm.model_id
       WHERE ($1::uuid[] IS NULL OR rm.run_id = ANY($1)) AND ($2::uuid[] IS NULL OR rm.model_id = ANY($2))
         AND ($5::uuid IS NULL OR rm.run_id IN (SELECT rr.run_id FROM round_runs rr WHERE rr.round_id = $5))
         AND EXISTS (SELECT 1 FROM responses x JOIN questions xq ON xq.id = x.question_id JOIN paper_versions xv ON xv.id = xq.paper_version_id
                     WHERE x.run_id = rm.run_id AND x.model_id = rm.model_id
                       AND ($3::uuid[] IS NULL OR xv.id = ANY($3)) AND ($4::text[] IS NULL OR xv.subject = ANY($4))
                       AND ($6::text[] IS NULL OR xv.stage = ANY($6)) AND ($7::int[] IS NULL OR xv.grade = ANY($7)))
       ORDER BY m.name, r.created_at, r.id`,
      [
        orNull(scope.runIds),
        orNull(scope.modelIds),
        orNull(scope.paperVersionIds),
        orNull(scope.subjects),
        scope.roundId ?? null,
        orNull(scope.stages),
        orNull(scope.grades),
      ],
    );
    // Rows are in run order per model, so each entry's previous run is the row before it.
    return rows.map((r, i) => ({
      key: `${r.runId}:${r.modelId}`,
      ...r,
      previousKey:
        i > 0 && rows[i - 1].modelId === r.modelId
          ? `${rows[i - 1].runId}:${rows[i - 1].modelId}`
          : null,
    }));
  }

  async questions(
    scope: ReportScope,
    entries: ReportEntry[],
    groups: Record<string, string>,
  ): Promise<ReportQuestion[]> {
    const rows: (Omit<ReportQuestion, 'group'> & { group?: string })[] = await this.db.query(
      `SELECT q.id, q.paper_version_id AS "paperVersionId", v.title AS "paperTitle", q.number, v.subject, q.type, q.is_objective AS "isObjective",
              CASE WHEN cardinality(q.knowledge_tags) > 0 THEN q.knowledge_tags ELSE COALESCE(p.knowledge_tags, '{}') END AS tags,
              v.grade, v.stage, q.points::float AS "maxPoints"
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id LEFT JOIN questions p ON p.id = q.parent_id
       WHERE q.type <> 'composite'
         AND q.paper_version_id IN (SELECT paper_version_id FROM run_papers WHERE run_id = ANY($1))
         AND ($2::uuid[] IS NULL OR q.paper_version_id = ANY($2)) AND ($3::text[] IS NULL OR v.subject = ANY($3))
         AND ($4::text[] IS NULL OR v.stage = ANY($4)) AND ($5::int[] IS NULL OR v.grade = ANY($5))
       ORDER BY v.subject, v.title, v.id, COALESCE(p.ordinal, q.ordinal), q.parent_id NULLS FIRST, q.ordinal`,
      [
        [...new Set(entries.map((e) => e.runId))],
        orNull(scope.paperVersionIds),
        orNull(scope.subjects),
        orNull(scope.stages),
        orNull(scope.grades),
      ],
    );
    return rows.map((r) => ({ ...r, group: groups[r.subject] ?? 'other' }));
  }

  /**
   * One cohort per paper version in the report: the chosen one for its paper (the newest, if several
   * are chosen for one paper), and the newest cohort for papers where none is chosen.
   */
  async cohorts(
    scope: ReportScope,
    paperVersionIds: string[],
  ): Promise<(ReportCohort & { histogram: Histogram | null; questionIds: string[] })[]> {
    const rows: {
      id: string;
      paperVersionId: string;
      name: string;
      isSynthetic: boolean;
      students: number;
      replicates: { questionIds: string[]; means: number[][] } | null;
      histogram: Histogram | null;
      stats: { q: string; mean: number }[];
    }[] = await this.db.query(
      `SELECT c.id, c.paper_version_id AS "paperVersionId", c.name, c.is_synthetic AS "isSynthetic", c.student_count AS students,
              c.student_replicates AS replicates, c.total_histogram AS histogram,
              (SELECT json_agg(json_build_object('q', s.question_id, 'mean', s.mean::float)) FROM cohort_question_stats s WHERE s.cohort_id = c.id) AS stats
       FROM (SELECT DISTINCT ON (paper_version_id) * FROM cohorts
             WHERE paper_version_id = ANY($1)
             ORDER BY paper_version_id, (id = ANY(COALESCE($2::uuid[], '{}'))) DESC, created_at DESC, id) c`,
      [paperVersionIds, orNull(scope.cohortIds)],
    );
    return rows.map((r) => ({
      id: r.id,
      paperVersionId: r.paperVersionId,
      name: r.name,
      isSynthetic: r.isSynthetic,
      students: r.students,
      means: new Map((r.stats ?? []).map((s) => [s.q, s.mean])),
      replicates: r.replicates?.means ?? null,
      replicateQuestions: r.replicates?.questionIds ?? [],
      histogram: r.histogram,
      questionIds: (r.stats ?? []).map((s) => s.q),
    }));
  }

  /** Student totals over a subset of a cohort's questions (when a model's paper is partly scored). */
  async totals(cohortId: string, questionIds: string[]): Promise<Histogram> {
    const rows: { total: number; n: number }[] = await this.db.query(
      `WITH pos AS (SELECT array_agg(j) AS js FROM cohorts c, unnest(c.question_ids) WITH ORDINALITY x(q, j) WHERE c.id = $1 AND x.q = ANY($2))
       SELECT total, count(*)::int AS n FROM (
         SELECT (SELECT sum(st.scores[j])::float FROM unnest(pos.js) j) AS total FROM cohort_students st, pos WHERE st.cohort_id = $1) t
       GROUP BY total ORDER BY total`,
      [cohortId, questionIds],
    );
    return rows.map((r) => [r.total, r.n]);
  }

  /** Two independent reads of one answer, per question: each teacher's latest scoring read. */
  async agreementPairs(
    questionIds: string[],
  ): Promise<Map<string, { pairs: [number, number][]; tolerance: number }>> {
    const rows: { questionId: string; pairs: [number, number][]; tolerance: number }[] =
      await this.db.query(
        `WITH eff AS (
         SELECT DISTINCT ON (k.task_id, k.marker_id) k.task_id, k.marker_id, k.points::float AS points
         FROM marks k JOIN marking_tasks t ON t.id = k.task_id
         WHERE t.question_id = ANY($1) AND k.read_kind NOT IN ('problem', 'arbitration', 'calibration') AND k.points IS NOT NULL
         ORDER BY k.task_id, k.marker_id, k.id DESC)
       SELECT t.question_id AS "questionId", json_agg(json_build_array(a.points, b.points)) AS pairs, ${TOLERANCE_SQL} AS tolerance
       FROM eff a JOIN eff b ON b.task_id = a.task_id AND b.marker_id > a.marker_id
       JOIN marking_tasks t ON t.id = a.task_id JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       GROUP BY t.question_id, q.id, v.id`,
        [questionIds],
      );
    return new Map(rows.map((r) => [r.questionId, { pairs: r.pairs, tolerance: r.tolerance }]));
  }

  /** The answers and scored units of one run × model on a set of questions, each with its marks (the drill-down). */
  drillRows(runId: string, modelId: string, questionIds: string[]): Promise<DrillRow[]> {
    return this.db.query(
      `SELECT u.response_id AS "responseId", u.question_id AS "questionId", v.title AS "paperTitle", q.number, q.points::float AS "maxPoints", u.sample_index AS sample,
              u.state, u.score::float AS score, left(r.text, 400) AS excerpt,
              (SELECT json_agg(json_build_object('marker', mu.display_name, 'kind', k.read_kind, 'points', k.points::float, 'at', k.created_at) ORDER BY k.id)
               FROM marks k JOIN users mu ON mu.id = k.marker_id WHERE k.task_id = u.task_id) AS marks
       FROM unit_scores u JOIN responses r ON r.id = u.response_id JOIN questions q ON q.id = u.question_id
       JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE u.run_id = $1 AND u.model_id = $2 AND u.question_id = ANY($3)
       ORDER BY v.title, q.ordinal, u.sample_index`,
      [runId, modelId, questionIds],
    );
  }

  /** Every mark behind these run × model pairs' answers (the "marks" export sheet). */
  marks(entries: { runId: string; modelId: string }[]): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT v.title AS paper, q.number AS question, m.name AS model, r.sample_index AS sample, mu.display_name AS marker,
              k.read_kind AS kind, k.points::float AS points, k.seconds_spent AS seconds, k.created_at AS at
       FROM marks k JOIN marking_tasks t ON t.id = k.task_id JOIN responses r ON r.id = t.response_id
       JOIN ai_models m ON m.id = r.model_id JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       JOIN users mu ON mu.id = k.marker_id
       WHERE r.source_kind = 'model' AND (r.run_id, r.model_id) IN (SELECT x.run_id, x.model_id FROM unnest($1::uuid[], $2::uuid[]) x(run_id, model_id))
       ORDER BY v.title, q.ordinal, m.name, k.id`,
      [entries.map((e) => e.runId), entries.map((e) => e.modelId)],
    );
  }
}
