import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportEntry } from './domain/report.types';
import { Scoring, ScoringQuery, SourcedUnit, TEACHERS_ONLY } from './report-scoring-source';

/*
 * The scoring source's reads (report-scoring-source.ts says what each source means): the units
 * under a source, the judge a report uses, and the drill-down's judge column.
 */

/**
 * The report's units under a scoring source: one aggregation over unit_scores, with the latest
 * judgement of the chosen judge joined per answer (DISTINCT ON over ix_judge_reads_latest). Raw SQL
 * because the source decides per row, and the report needs only the per-question aggregate.
 */
async function scoredUnits(
  db: DataSource,
  entries: ReportEntry[],
  questionIds: string[],
  scoring: Scoring,
): Promise<SourcedUnit[]> {
  const rows: (Omit<SourcedUnit, 'sources'> & {
    rules: number;
    teachers: number;
    judge: number;
  })[] = await db.query(
    `WITH j AS (
       SELECT DISTINCT ON (jr.question_id, jr.response_id) jr.question_id, jr.response_id, jr.status, jr.points
       FROM judge_reads jr
       WHERE $4::uuid IS NOT NULL AND jr.judge_model_id = $4 AND jr.template_version = $5 AND jr.question_id = ANY($3)
       ORDER BY jr.question_id, jr.response_id, jr.id DESC),
     s AS (
       SELECT u.run_id, u.model_id, u.question_id,
              -- a unit teachers mark, answered: the source decides whether the judge's score stands in
              (u.task_id IS NOT NULL AND u.state IN ('scored', 'pending')) AS is_marked_unit,
              CASE WHEN $6 = 'judge_only' AND u.task_id IS NOT NULL AND u.state IN ('scored', 'pending') THEN 'judge'
                   WHEN $6 = 'teachers_else_validated_judge' AND u.task_id IS NOT NULL AND u.state = 'pending'
                        AND u.question_id = ANY($7) AND j.status = 'scored' THEN 'judge'
                   WHEN u.state = 'scored' THEN CASE WHEN u.task_id IS NOT NULL THEN 'teachers' ELSE 'rules' END
                   END AS source,
              u.state, u.score, j.status AS judge_status, j.points AS judge_points
       FROM unit_scores u
       JOIN unnest($1::uuid[], $2::uuid[]) e(run_id, model_id) ON e.run_id = u.run_id AND e.model_id = u.model_id
       LEFT JOIN j ON j.response_id = u.response_id AND j.question_id = u.question_id
       WHERE u.source_kind = 'model' AND u.question_id = ANY($3)),
     e AS (
       SELECT s.*,
              CASE WHEN s.source = 'judge' THEN CASE WHEN s.judge_status = 'scored' THEN 'scored' ELSE 'pending' END ELSE s.state END AS eff_state,
              CASE WHEN s.source = 'judge' THEN s.judge_points ELSE s.score END AS eff_score
       FROM s)
     SELECT e.run_id || ':' || e.model_id AS "entryKey", e.question_id AS "questionId",
            count(*) FILTER (WHERE e.eff_state = 'scored')::int AS scored, (avg(e.eff_score) FILTER (WHERE e.eff_state = 'scored'))::float AS score,
            count(*) FILTER (WHERE e.eff_state = 'pending')::int AS pending, count(*) FILTER (WHERE e.eff_state = 'not_scored')::int AS "notScored",
            count(*) FILTER (WHERE e.eff_state = 'not_applicable')::int AS "notApplicable",
            count(*) FILTER (WHERE e.eff_state = 'scored' AND e.source = 'rules')::int AS rules,
            count(*) FILTER (WHERE e.eff_state = 'scored' AND e.source = 'teachers')::int AS teachers,
            count(*) FILTER (WHERE e.eff_state = 'scored' AND e.source = 'judge')::int AS judge
     FROM e GROUP BY e.run_id, e.model_id, e.question_id`,
    [
      entries.map((e) => e.runId),
      entries.map((e) => e.modelId),
      questionIds,
      scoring.judge?.judgeModelId ?? null,
      scoring.judge?.templateVersion ?? '',
      scoring.source,
      scoring.validatedQuestionIds,
    ],
  );
  return rows.map(({ rules, teachers, judge, ...u }) => ({
    ...u,
    sources: { rules, teachers, judge },
  }));
}

/**
 * The scoring of a report: the source asked for, the judge (named, or the one that read most of
 * these questions), and the questions it is validated on (the judge-quality service decides).
 */
async function resolveScoring(
  db: DataSource,
  query: ScoringQuery,
  questionIds: string[],
  validated: (
    judge: { judgeModelId: string; templateVersion: string },
    questionIds: string[],
  ) => Promise<Set<string>>,
): Promise<Scoring> {
  const source = query.scoringSource ?? 'teachers';
  if (source === 'teachers' || !questionIds.length) return { ...TEACHERS_ONLY, source };
  const [judge]: { judgeModelId: string; templateVersion: string; name: string }[] = await db.query(
    `SELECT j.judge_model_id AS "judgeModelId", j.template_version AS "templateVersion", m.name
     FROM judge_reads j JOIN ai_models m ON m.id = j.judge_model_id
     WHERE j.question_id = ANY($1) AND j.status = 'scored' AND ($2::uuid IS NULL OR j.judge_model_id = $2)
       AND ($3::text IS NULL OR j.template_version = $3)
     GROUP BY j.judge_model_id, j.template_version, m.name ORDER BY count(*) DESC, j.judge_model_id, j.template_version LIMIT 1`,
    [questionIds, query.judge ?? null, query.judgeTemplate ?? null],
  );
  if (!judge) return { source, judge: null, validatedQuestionIds: [] };
  return {
    source,
    judge,
    validatedQuestionIds: source === 'judge_only' ? [] : [...(await validated(judge, questionIds))],
  };
}

/**
 * The drill-down's judge column: each judge's latest judgement of each row's unit (items,
 * adjustment, rationale, or the failure code), beside the teachers' reads already on the row.
 */
async function judgeReadsOf<T extends { responseId: string; questionId: string }>(
  db: DataSource,
  rows: T[],
) {
  if (!rows.length) return [];
  const reads: { responseId: string; questionId: string; judges: unknown[] }[] = await db.query(
    `SELECT x.response_id AS "responseId", x.question_id AS "questionId",
            json_agg(json_build_object('judge', m.name, 'template', x.template_version, 'status', x.status, 'points', x.points::float,
                                       'items', x.applied_items, 'adjustment', x.adjustment::float, 'rationale', x.rationale,
                                       'failureCode', x.failure_code, 'at', x.created_at) ORDER BY m.name, x.template_version) AS judges
     FROM (SELECT DISTINCT ON (jr.response_id, jr.question_id, jr.judge_model_id, jr.template_version) jr.*
           FROM judge_reads jr JOIN unnest($1::uuid[], $2::uuid[]) u(response_id, question_id)
             ON u.response_id = jr.response_id AND u.question_id = jr.question_id
           ORDER BY jr.response_id, jr.question_id, jr.judge_model_id, jr.template_version, jr.id DESC) x
     JOIN ai_models m ON m.id = x.judge_model_id
     GROUP BY x.response_id, x.question_id`,
    [rows.map((r) => r.responseId), rows.map((r) => r.questionId)],
  );
  const by = new Map(reads.map((r) => [`${r.responseId}:${r.questionId}`, r.judges]));
  return rows.map((r) => ({ ...r, judges: by.get(`${r.responseId}:${r.questionId}`) ?? [] }));
}

/** The scoring source's reads as one injectable repository (a fake stands in for it in the services' unit tests). */
@Injectable()
export class ReportScoringRepository {
  constructor(private readonly db: DataSource) {}

  scoredUnits(
    entries: ReportEntry[],
    questionIds: string[],
    scoring: Scoring,
  ): Promise<SourcedUnit[]> {
    return scoredUnits(this.db, entries, questionIds, scoring);
  }

  resolveScoring(
    query: ScoringQuery,
    questionIds: string[],
    validated: (
      judge: { judgeModelId: string; templateVersion: string },
      questionIds: string[],
    ) => Promise<Set<string>>,
  ): Promise<Scoring> {
    return resolveScoring(this.db, query, questionIds, validated);
  }

  judgeReadsOf<T extends { responseId: string; questionId: string }>(rows: T[]) {
    return judgeReadsOf(this.db, rows);
  }
}
