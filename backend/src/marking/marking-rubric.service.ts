import { excerptForMarker } from './domain/answer-for-marker';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { Read, resolve, Rubric } from './domain/marking-rules';
import { changedReads, RecordedMark } from './domain/rescore';
import { modeFrom, MODE_COLUMNS, rederive, RUBRIC_JSON } from './marking-store';

export interface RubricEdit extends Rubric {
  graderNotes?: string | null;
}

export interface RescoreChange {
  taskId: string;
  excerpt: string;
  reads: { markId: string; kind: string; oldPoints: number; newPoints: number }[];
  oldFinal: number | null;
  newFinal: number | null;
  newState: string;
}

/**
 * Editing a rubric that already has marks: a preview of every answer whose points would change,
 * then, on confirmation, a new rubric version and one appended "rescore" mark per changed read
 * (kept under the reader it re-scores, so double-marking rules still see two readers), the final
 * scores derived again, and an audit record naming the editor and both versions.
 */
@Injectable()
export class MarkingRubricService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(questionId: string) {
    const [row] = await this.db.query(
      `SELECT q.id AS "questionId", q.number, q.points::float AS "maxPoints", b.version, ${RUBRIC_JSON} AS rubric
       FROM questions q LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
       WHERE q.id = $1`,
      [questionId],
    );
    if (!row) throw new DomainError(`question ${questionId} does not exist`, 404);
    return { ...row, version: row.version ?? 0 };
  }

  async preview(questionId: string, edit: RubricEdit) {
    const { changes, unchanged } = await this.db.transaction((m) => this.changes(m, questionId, edit));
    return { changes, unchanged };
  }

  async apply(questionId: string, edit: RubricEdit, expectedVersion: number, actor: AuditActor) {
    return this.db.transaction(async (m) => {
      // One editor at a time per question; a stale editor is told to look again.
      await m.query(`SELECT 1 FROM questions WHERE id = $1 FOR UPDATE`, [questionId]);
      const before = await this.current(questionId);
      if (before.version !== expectedVersion)
        throw new DomainError(`the rubric changed meanwhile (now version ${before.version}); preview again`, 409);
      // The question's answers are held while their reads are re-scored, so no mark lands in between
      // (a teacher's save meanwhile waits, then finds the answer changed and reads it again).
      await m.query(`SELECT id FROM marking_tasks WHERE question_id = $1 ORDER BY id FOR UPDATE`, [questionId]);
      const { changes, mode, readsAfter } = await this.changes(m, questionId, edit);
      const [rubric] = await m.query(
        `INSERT INTO rubrics (question_id, version, mode, starting_points, floor_points, ceiling_points, items, grader_notes, samples, created_by)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, COALESCE((SELECT samples FROM rubrics WHERE question_id = $1 ORDER BY version DESC LIMIT 1), '[]'), $9
         RETURNING id`,
        [
          questionId,
          before.version + 1,
          edit.mode,
          edit.startingPoints,
          edit.floorPoints,
          edit.ceilingPoints,
          JSON.stringify(edit.items),
          edit.graderNotes ?? null,
          actor.id,
        ],
      );
      // One insert for every changed read; each task's state then follows from the reads the preview derived.
      const changed = changes.flatMap((c) => c.reads);
      await m.query(
        `INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, supersedes_id)
         SELECT k.task_id, k.marker_id, CASE WHEN k.read_kind = 'arbitration' THEN 'arbitration' ELSE 'rescore' END, $3, k.applied_items,
                k.adjustment, $4, x.points, k.id
         FROM unnest($1::bigint[], $2::numeric[]) WITH ORDINALITY x(id, points, i) JOIN marks k ON k.id = x.id ORDER BY x.i`,
        [changed.map((r) => r.markId), changed.map((r) => r.newPoints), rubric.id, `re-scored by rubric v${before.version + 1}`],
      );
      for (const c of changes) await rederive(m, c.taskId, mode, readsAfter.get(c.taskId)!);
      await this.audit.record(
        actor,
        {
          action: 'rubric_edit',
          entityType: 'question',
          entityId: questionId,
          before: { version: before.version, rubric: before.rubric },
          after: { version: before.version + 1, rubric: edit, rescored: changes.length },
        },
        m,
      );
      return { version: before.version + 1, changes };
    });
  }

  private async changes(m: EntityManager, questionId: string, edit: RubricEdit) {
    const [q] = await m.query(
      `SELECT q.points::float AS points, ${MODE_COLUMNS} FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = $1`,
      [questionId],
    );
    if (!q) throw new DomainError(`question ${questionId} does not exist`, 404);
    if (edit.ceilingPoints > q.points)
      throw new DomainError(`ceiling ${edit.ceilingPoints} is above the question's ${q.points} points`, 422);
    if (edit.floorPoints > edit.ceilingPoints) throw new DomainError('floor is above ceiling', 422);
    const ids = edit.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) throw new DomainError('item ids must be unique', 422);
    const mode = modeFrom(q);
    const tasks: { taskId: string; excerpt: string; finalScore: number | null; marks: RecordedMark[] }[] = await m.query(
      `SELECT t.id::text AS "taskId", left(COALESCE(r.text, ''), 400) AS excerpt, t.final_score::float AS "finalScore",
              json_agg(json_build_object('id', k.id::text, 'markerId', k.marker_id, 'kind', k.read_kind, 'points', k.points::float,
                'appliedItems', k.applied_items, 'adjustment', k.adjustment::float, 'comment', k.comment,
                'rubric', CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('mode', b.mode, 'startingPoints', b.starting_points::float,
                  'floorPoints', b.floor_points::float, 'ceilingPoints', b.ceiling_points::float, 'items', b.items) END) ORDER BY k.id) AS marks
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id JOIN marks k ON k.task_id = t.id LEFT JOIN rubrics b ON b.id = k.rubric_id
       WHERE t.question_id = $1 GROUP BY t.id, r.text ORDER BY t.id`,
      [questionId],
    );
    const changes: RescoreChange[] = [];
    const readsAfter = new Map<string, Read[]>();
    for (const t of tasks) {
      const changed = changedReads(edit, t.marks);
      if (!changed.length) continue;
      const newPoints = new Map(changed.map((c) => [c.mark.id, c.newPoints]));
      const reads: Read[] = [
        ...t.marks.map((k) => ({ markerId: k.markerId, kind: k.kind, points: k.points })),
        ...changed.map((c) => ({
          markerId: c.mark.markerId,
          kind: c.mark.kind === 'arbitration' ? ('arbitration' as const) : ('rescore' as const),
          points: newPoints.get(c.mark.id)!,
        })),
      ];
      const res = resolve(mode, reads);
      readsAfter.set(t.taskId, reads);
      changes.push({
        taskId: t.taskId,
        excerpt: excerptForMarker(t.excerpt, 200),
        reads: changed.map((c) => ({ markId: c.mark.id, kind: c.mark.kind, oldPoints: c.mark.points, newPoints: c.newPoints })),
        oldFinal: t.finalScore,
        newFinal: res.finalScore,
        newState: res.state,
      });
    }
    return { changes, unchanged: tasks.length - changes.length, mode, readsAfter };
  }
}
