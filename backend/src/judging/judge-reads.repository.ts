import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type JudgeVisibility = 'hidden' | 'after_own_read' | 'seniors_only';

/** The SQL behind what teachers may see of judge reads, and the per-question setting. */
@Injectable()
export class JudgeReadsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The task, its question's setting (hidden when unset), and whether this user has submitted their own read of it. */
  async gate(taskId: string, userId: string) {
    const [row] = await this.db.query(
      `SELECT t.id::text AS "taskId", t.response_id AS "responseId", t.question_id AS "questionId", t.state,
              COALESCE(s.visibility, 'hidden') AS visibility,
              EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $2 AND k.read_kind IN ('first','second','third','arbitration')) AS "hasOwnRead"
       FROM marking_tasks t LEFT JOIN question_judge_settings s ON s.question_id = t.question_id
       WHERE t.id = $1`,
      [taskId, userId],
    );
    return (row ?? null) as {
      taskId: string;
      responseId: string;
      questionId: string;
      state: string;
      visibility: JudgeVisibility;
      hasOwnRead: boolean;
    } | null;
  }

  /**
   * The latest judgement of each judge (model + template) of one unit, with the items' wording
   * from the rubric the judge read. Selected column by column: no judge model name or id, and
   * nothing about the answer's writer, leaves here (a teacher sees "AI judge 1", "AI judge 2", in the order they read it).
   */
  latestForUnit(responseId: string, questionId: string) {
    return this.db.query(
      `SELECT x.status, x.failure_code AS "failureCode", x.points::float AS points, x.max_points::float AS "maxPoints",
              x.adjustment::float AS adjustment, x.rationale, x.created_at AS "createdAt",
              COALESCE((SELECT json_agg(json_build_object('id', it.id, 'points', (i->>'points')::float, 'description', i->>'description', 'group', i->>'group') ORDER BY it.n)
                        FROM jsonb_array_elements_text(x.applied_items) WITH ORDINALITY it(id, n)
                        LEFT JOIN rubrics b ON b.id = x.rubric_id
                        LEFT JOIN LATERAL (SELECT e FROM jsonb_array_elements(b.items) e WHERE e->>'id' = it.id) ri(i) ON true), '[]') AS items
       FROM (SELECT DISTINCT ON (j.judge_model_id, j.template_version) j.*
             FROM judge_reads j WHERE j.response_id = $1 AND j.question_id = $2
             ORDER BY j.judge_model_id, j.template_version, j.id DESC) x
       ORDER BY x.id`,
      [responseId, questionId],
    );
  }

  async visibility(questionId: string): Promise<JudgeVisibility | null> {
    const [q] = await this.db.query(
      `SELECT COALESCE(s.visibility, 'hidden') AS visibility FROM questions q LEFT JOIN question_judge_settings s ON s.question_id = q.id WHERE q.id = $1`,
      [questionId],
    );
    return q ? q.visibility : null;
  }

  async setVisibility(
    m: EntityManager,
    questionId: string,
    visibility: JudgeVisibility,
    userId: string | null,
  ) {
    await m.query(
      `INSERT INTO question_judge_settings (question_id, visibility, set_by, set_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (question_id) DO UPDATE SET visibility = EXCLUDED.visibility, set_by = EXCLUDED.set_by, set_at = now()`,
      [questionId, visibility, userId],
    );
  }
}
