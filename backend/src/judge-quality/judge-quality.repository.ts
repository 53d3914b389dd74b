import { Injectable } from '@nestjs/common';
import type { JudgeSummary } from '@yuejuan/contracts';
import { DataSource } from 'typeorm';
import { TOLERANCE_SQL } from '../marking/marking-sql';
import { JudgedAnswer, QuestionScale } from './domain/judge-quality';

/** A judge is a model and a template version: the same model with another template reads differently. */
export interface JudgeKey {
  judgeModelId: string;
  templateVersion: string;
}

export interface JudgeQuestionRow extends QuestionScale {
  number: string;
  paperTitle: string;
  subject: string;
}

/**
 * Reads judge_reads (the judge-core's table, never written here) beside the teachers' marks.
 * Raw SQL: "latest judgement per answer" and "each teacher's latest independent read per answer"
 * are DISTINCT ON scans over the (question, judge, template, response, id DESC) and marks indexes,
 * and one row per answer is all the statistics need (the bootstrap resamples answers).
 */
@Injectable()
export class JudgeQualityRepository {
  constructor(private readonly db: DataSource) {}

  /** Judges with any judgement, with how many answers and questions they read. */
  judges(): Promise<JudgeSummary[]> {
    return this.db.query(
      `SELECT j.judge_model_id AS "judgeModelId", j.template_version AS "templateVersion", m.name, m.is_imported AS "isImported",
              count(DISTINCT (j.response_id, j.question_id))::int AS answers, count(DISTINCT j.question_id)::int AS questions
       FROM judge_reads j JOIN ai_models m ON m.id = j.judge_model_id
       GROUP BY j.judge_model_id, j.template_version, m.name, m.is_imported ORDER BY m.name, j.template_version`,
    );
  }

  /** The questions a judge read (optionally only some), with their scale, tolerance and rubric items. */
  async questions(
    judge: JudgeKey,
    questionIds: string[] | null = null,
  ): Promise<JudgeQuestionRow[]> {
    const rows: (JudgeQuestionRow & { mode: string | null; items: { id: string }[] | null })[] =
      await this.db.query(
        `SELECT q.id AS "questionId", q.number, v.title AS "paperTitle", v.subject, q.points::float AS "maxPoints", ${TOLERANCE_SQL} AS tolerance,
              b.mode, b.items
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
       WHERE q.id IN (SELECT DISTINCT question_id FROM judge_reads WHERE judge_model_id = $1 AND template_version = $2)
         AND ($3::uuid[] IS NULL OR q.id = ANY($3))
       ORDER BY v.subject, v.title, v.id, q.ordinal, q.number`,
        [judge.judgeModelId, judge.templateVersion, questionIds],
      );
    return rows.map(({ mode, items, ...r }) => ({
      ...r,
      itemIds: mode === 'items' && items?.length ? items.map((i) => i.id) : null,
    }));
  }

  /** One row per judged answer of the questions: the latest judgement, the final human score, each teacher's latest read. */
  async answers(judge: JudgeKey, questionIds: string[]): Promise<Map<string, JudgedAnswer[]>> {
    const rows: (JudgedAnswer & { questionId: string })[] = await this.db.query(
      `WITH j AS (
         SELECT DISTINCT ON (jr.question_id, jr.response_id) jr.question_id, jr.response_id, jr.status, jr.points::float AS points, jr.applied_items
         FROM judge_reads jr
         WHERE jr.judge_model_id = $1 AND jr.template_version = $2 AND jr.question_id = ANY($3)
         ORDER BY jr.question_id, jr.response_id, jr.id DESC),
       h AS (
         SELECT DISTINCT ON (k.task_id, k.marker_id) k.task_id, k.id, k.points::float AS points, k.applied_items
         FROM marks k JOIN marking_tasks t ON t.id = k.task_id
         WHERE t.question_id = ANY($3) AND k.read_kind NOT IN ('problem', 'arbitration', 'calibration') AND k.points IS NOT NULL
         ORDER BY k.task_id, k.marker_id, k.id DESC)
       SELECT j.question_id AS "questionId", j.response_id AS "responseId", r.source_kind AS source, r.model_id AS "modelId",
              j.status AS "judgeStatus", CASE WHEN j.status = 'scored' THEN j.points END AS judge, j.applied_items AS "judgeItems",
              CASE WHEN t.state = 'done' THEN t.final_score::float END AS final,
              COALESCE((SELECT json_agg(json_build_object('points', h.points, 'items', h.applied_items) ORDER BY h.id) FROM h WHERE h.task_id = t.id),
                       '[]') AS reads
       FROM j JOIN responses r ON r.id = j.response_id
       LEFT JOIN marking_tasks t ON t.response_id = j.response_id AND t.question_id = j.question_id`,
      [judge.judgeModelId, judge.templateVersion, questionIds],
    );
    const out = new Map<string, JudgedAnswer[]>(questionIds.map((id) => [id, []]));
    for (const { questionId, ...a } of rows) out.get(questionId)?.push(a);
    return out;
  }

  /** Model names for the per-model slices (researchers only). */
  async modelNames(ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = ids.length
      ? await this.db.query(`SELECT id, name FROM ai_models WHERE id = ANY($1)`, [ids])
      : [];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The answers behind the largest disagreements, with the judge's items and rationale and the teachers' reads. */
  disagreementDetails(judge: JudgeKey, questionId: string, responseIds: string[]) {
    return this.db.query(
      `SELECT r.id AS "responseId", COALESCE(r.text, '') AS text, r.source_kind AS source, m.name AS "modelName",
              j.points::float AS "judgePoints", j.applied_items AS "judgeItems", j.adjustment::float AS "judgeAdjustment", j.rationale,
              CASE WHEN t.state = 'done' THEN t.final_score::float END AS "finalScore",
              COALESCE((SELECT json_agg(json_build_object('kind', k.read_kind, 'points', k.points::float, 'items', k.applied_items) ORDER BY k.id)
                        FROM marks k WHERE k.task_id = t.id AND k.read_kind <> 'problem'), '[]') AS reads
       FROM responses r LEFT JOIN ai_models m ON m.id = r.model_id
       JOIN LATERAL (SELECT * FROM judge_reads jr WHERE jr.response_id = r.id AND jr.question_id = $3 AND jr.judge_model_id = $1
                     AND jr.template_version = $2 ORDER BY jr.id DESC LIMIT 1) j ON true
       LEFT JOIN marking_tasks t ON t.response_id = r.id AND t.question_id = $3
       WHERE r.id = ANY($4)`,
      [judge.judgeModelId, judge.templateVersion, questionId, responseIds],
    );
  }
}
