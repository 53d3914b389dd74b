import { EntityManager } from 'typeorm';
import { Read } from './domain/marking-rules';
import { MODE_COLUMNS } from './marking-sql';

export type PolicyTarget = { kind: 'question'; id: string } | { kind: 'paper'; id: string };
export interface PolicyOverride {
  mode: 'single' | 'double' | null;
  tolerance: number | null;
}

const COLUMN = { question: 'question_id', paper: 'paper_version_id' } as const;

/** SQL for marking-mode overrides; every call runs inside the caller's transaction. */
export class MarkingPolicyRepository {
  constructor(private readonly m: EntityManager) {}

  /** The target's title for the audit record, or null when it does not exist (composites are not targets). */
  async label(target: PolicyTarget): Promise<string | null> {
    const [row] =
      target.kind === 'question'
        ? await this.m.query(
            `SELECT v.title || ' · ' || q.number AS label FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
             WHERE q.id = $1 AND q.type <> 'composite'`,
            [target.id],
          )
        : await this.m.query(`SELECT title AS label FROM paper_versions WHERE id = $1`, [
            target.id,
          ]);
    return row?.label ?? null;
  }

  async current(target: PolicyTarget): Promise<PolicyOverride | null> {
    const [row] = await this.m.query(
      `SELECT mode, tolerance::float AS tolerance FROM marking_policy_overrides WHERE ${COLUMN[target.kind]} = $1`,
      [target.id],
    );
    return row ?? null;
  }

  /** The markable questions the target governs: the question itself, or every unit of the paper. */
  async questionIds(target: PolicyTarget): Promise<string[]> {
    if (target.kind === 'question') return [target.id];
    const rows = await this.m.query(
      `SELECT id FROM questions WHERE paper_version_id = $1 AND type <> 'composite'`,
      [target.id],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /**
   * Takes the marking-task insert lock (so no task is queued under the old mode meanwhile) and
   * locks the questions' tasks, so a mark saved concurrently is retried under the new mode.
   */
  async lockTasks(questionIds: string[]): Promise<void> {
    await this.m.query(`SELECT pg_advisory_xact_lock(hashtext('yj-marking-tasks'))`);
    await this.m.query(
      `SELECT id FROM marking_tasks WHERE question_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [questionIds],
    );
  }

  async markCounts(questionIds: string[]): Promise<{ marks: number; answers: number }> {
    const [row] = await this.m.query(
      `SELECT count(*)::int AS marks, count(DISTINCT k.task_id)::int AS answers
       FROM marks k JOIN marking_tasks t ON t.id = k.task_id WHERE t.question_id = ANY($1::uuid[])`,
      [questionIds],
    );
    return row;
  }

  async save(
    target: PolicyTarget,
    value: PolicyOverride | null,
    userId: string | null,
  ): Promise<void> {
    const column = COLUMN[target.kind];
    await this.m.query(`DELETE FROM marking_policy_overrides WHERE ${column} = $1`, [target.id]);
    if (value)
      await this.m.query(
        `INSERT INTO marking_policy_overrides (${column}, mode, tolerance, set_by) VALUES ($1, $2, $3, $4)`,
        [target.id, value.mode, value.tolerance, userId],
      );
  }

  /** Each question's effective mode after the change, and the reads required per answer follow it. */
  async applyReadsRequired(
    questionIds: string[],
  ): Promise<Map<string, { mode: string; tolerance: number }>> {
    const modes: { id: string; mode: string; tolerance: number }[] = await this.m.query(
      `SELECT q.id, ${MODE_COLUMNS} FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = ANY($1::uuid[])`,
      [questionIds],
    );
    await this.m.query(
      `UPDATE marking_tasks t SET reads_required = CASE WHEN x.mode = 'double' THEN 2 ELSE 1 END
       FROM unnest($1::uuid[], $2::text[]) AS x(qid, mode) WHERE t.question_id = x.qid`,
      [modes.map((r) => r.id), modes.map((r) => r.mode)],
    );
    return new Map(modes.map((r) => [r.id, { mode: r.mode, tolerance: r.tolerance }]));
  }

  /** The marked answers of these questions with all their reads, in order. */
  marked(questionIds: string[]): Promise<
    {
      taskId: string;
      questionId: string;
      state: string;
      finalScore: number | null;
      reads: Read[];
    }[]
  > {
    return this.m.query(
      `SELECT t.id::text AS "taskId", t.question_id AS "questionId", t.state, t.final_score::float AS "finalScore",
              json_agg(json_build_object('markerId', k.marker_id, 'kind', k.read_kind, 'points', k.points::float) ORDER BY k.id) AS reads
       FROM marking_tasks t JOIN marks k ON k.task_id = t.id WHERE t.question_id = ANY($1::uuid[]) GROUP BY t.id`,
      [questionIds],
    );
  }
}
