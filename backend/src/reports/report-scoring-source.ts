import { DataSource } from 'typeorm';
import { slices } from './domain/report';
import { Figure, ModelUnit, Report, ReportEntry, ReportQuestion } from './domain/report.types';

/**
 * Where a report's scores come from, per scored unit (answer × question):
 * - 'teachers' (the default, the report as it always was): teachers' final scores where a marking
 *   task exists, the automatic grade otherwise (unit_scores);
 * - 'teachers_else_validated_judge': the same, and where teachers have not settled a unit yet, the
 *   judge's score, but only on questions where the judge is validated (acceptance-rule.ts);
 * - 'judge_only': every unit teachers would mark gets the judge's score, validated or not, and
 *   nothing from teachers (for comparison; labelled as such on the page).
 * Objective units scored by the rules stay scored by the rules in every source. Every unit also
 * says where its score came from, so every figure can state its points by source.
 */
export const SCORING_SOURCES = ['teachers', 'teachers_else_validated_judge', 'judge_only'] as const;
export type ScoringSource = (typeof SCORING_SOURCES)[number];

export interface Scoring {
  source: ScoringSource;
  /** The judge (null in 'teachers', or when no judge read these answers). */
  judge: { judgeModelId: string; templateVersion: string; name: string } | null;
  /** Questions on which that judge is validated (only read in 'teachers_else_validated_judge'). */
  validatedQuestionIds: string[];
}

export const TEACHERS_ONLY: Scoring = { source: 'teachers', judge: null, validatedQuestionIds: [] };

/** Scored samples of a unit by where the score came from. */
export interface UnitSources {
  rules: number;
  teachers: number;
  judge: number;
}

export type SourcedUnit = ModelUnit & { sources: UnitSources };

/** Points of a figure's questions by where their scores came from; `none` are the points not scored yet (pending). */
export interface SourcePoints {
  rules: number;
  teachers: number;
  judge: number;
  none: number;
}

/**
 * The report's units under a scoring source: one aggregation over unit_scores, with the latest
 * judgement of the chosen judge joined per answer (DISTINCT ON over ix_judge_reads_latest). Raw SQL
 * because the source decides per row, and the report needs only the per-question aggregate.
 */
export async function scoredUnits(db: DataSource, entries: ReportEntry[], questionIds: string[], scoring: Scoring): Promise<SourcedUnit[]> {
  const rows: (ModelUnit & { rules: number; teachers: number; judge: number })[] = await db.query(
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
  return rows.map(({ rules, teachers, judge, ...u }) => ({ ...u, sources: { rules, teachers, judge } }));
}

/** Points by source over a set of questions, each question's points shared among its samples like the coverage. */
export function sourcePointsOf(set: ReportQuestion[], units: Map<string, SourcedUnit>): SourcePoints {
  const out: SourcePoints = { rules: 0, teachers: 0, judge: 0, none: 0 };
  for (const q of set) {
    const u = units.get(q.id);
    if (!u) continue;
    const samples = u.scored + u.pending + u.notScored + u.notApplicable || 1;
    out.rules += (q.maxPoints * u.sources.rules) / samples;
    out.teachers += (q.maxPoints * u.sources.teachers) / samples;
    out.judge += (q.maxPoints * u.sources.judge) / samples;
    out.none += (q.maxPoints * u.pending) / samples;
  }
  return out;
}

export type SourcedFigure = Figure & { sourcePoints: SourcePoints };

/**
 * Adds to every figure its points by source, over the same slice of questions the figure covers
 * (slices() is the report's own), so the counts and the coverage agree.
 */
export function withSourcePoints<R extends Report>(report: R, questions: ReportQuestion[], units: SourcedUnit[], scoring: Scoring) {
  const byEntry = new Map<string, Map<string, SourcedUnit>>();
  for (const u of units) {
    if (!byEntry.has(u.entryKey)) byEntry.set(u.entryKey, new Map());
    byEntry.get(u.entryKey)!.set(u.questionId, u);
  }
  const sets = new Map<string, Map<string, ReportQuestion[]>>();
  for (const [entryKey, us] of byEntry) {
    const m = new Map<string, ReportQuestion[]>();
    for (const [dim, value, set] of slices(questions.filter((q) => us.has(q.id)))) m.set(`${dim}\u0000${value}`, set);
    sets.set(entryKey, m);
  }
  const figures: SourcedFigure[] = report.figures.map((f) => ({
    ...f,
    sourcePoints: sourcePointsOf(sets.get(f.entryKey)?.get(`${f.dimension}\u0000${f.value}`) ?? [], byEntry.get(f.entryKey) ?? new Map()),
  }));
  return { ...report, figures, scoring };
}

/** What a report request says about its scoring source (query parameters). */
export interface ScoringQuery {
  scoringSource?: ScoringSource;
  /** The judge model; default: the judge with the most scored judgements on the report's questions. */
  judge?: string;
  judgeTemplate?: string;
}

/**
 * The scoring of a report: the source asked for, the judge (named, or the one that read most of
 * these questions), and the questions it is validated on (the judge-quality service decides).
 */
export async function resolveScoring(
  db: DataSource,
  query: ScoringQuery,
  questionIds: string[],
  validated: (judge: { judgeModelId: string; templateVersion: string }, questionIds: string[]) => Promise<Set<string>>,
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
  return { source, judge, validatedQuestionIds: source === 'judge_only' ? [] : [...(await validated(judge, questionIds))] };
}

/**
 * The drill-down's judge column: each judge's latest judgement of each row's unit (items,
 * adjustment, rationale, or the failure code), beside the teachers' reads already on the row.
 */
export async function judgeReadsOf<T extends { responseId: string; questionId: string }>(db: DataSource, rows: T[]) {
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
