import { excerptForMarker } from './domain/answer-for-marker';
import { Injectable } from '@nestjs/common';
import type { RescoreChange } from '@yuejuan/contracts';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { Read, resolve, Rubric } from './domain/marking-rules';
import { changedReads } from './domain/rescore';
import { modeFrom } from './marking-checks';
import { MarkingRubricRepository } from './marking-rubric.repository';
import { MarkingTasksRepository } from './marking-tasks.repository';

export interface RubricEdit extends Rubric {
  graderNotes?: string | null;
}

// A re-score preview's rows are the rubric editor's too: defined once in @yuejuan/contracts.
export type { RescoreChange } from '@yuejuan/contracts';

const noSuchQuestion = (questionId: string) =>
  new DomainError(`question ${questionId} does not exist`, 404);

/**
 * Editing a rubric that already has marks: a preview of every answer whose points would change,
 * then, on confirmation, a new rubric version and one appended "rescore" mark per changed read
 * (kept under the reader it re-scores, so double-marking rules still see two readers), the final
 * scores derived again, and an audit record naming the editor and both versions.
 */
@Injectable()
export class MarkingRubricService {
  constructor(
    private readonly rubrics: MarkingRubricRepository,
    private readonly tasks: MarkingTasksRepository,
    private readonly audit: AuditService,
  ) {}

  async current(questionId: string, m?: EntityManager) {
    const row = await this.rubrics.current(questionId, m);
    if (!row) throw noSuchQuestion(questionId);
    return { ...row, version: row.version ?? 0 };
  }

  async preview(questionId: string, edit: RubricEdit) {
    const { changes, unchanged } = await this.rubrics.transaction((m) =>
      this.changes(m, questionId, edit),
    );
    return { changes, unchanged };
  }

  async apply(questionId: string, edit: RubricEdit, expectedVersion: number, actor: AuditActor) {
    return this.rubrics.transaction(async (m) => {
      // One editor at a time per question; a stale editor is told to look again.
      await this.rubrics.lockQuestion(questionId, m);
      const before = await this.current(questionId, m);
      if (before.version !== expectedVersion)
        throw new DomainError(
          `the rubric changed meanwhile (now version ${before.version}); preview again`,
          409,
        );
      // The question's answers are held while their reads are re-scored, so no mark lands in between
      // (a teacher's save meanwhile waits, then finds the answer changed and reads it again).
      await this.rubrics.lockTasks(questionId, m);
      const { changes, mode, readsAfter } = await this.changes(m, questionId, edit);
      const version = before.version + 1;
      const rubricId = await this.rubrics.insertVersion(
        {
          questionId,
          version,
          mode: edit.mode,
          startingPoints: edit.startingPoints,
          floorPoints: edit.floorPoints,
          ceilingPoints: edit.ceilingPoints,
          items: edit.items,
          graderNotes: edit.graderNotes ?? null,
          createdBy: actor.id,
        },
        m,
      );
      // One insert for every changed read; each task's state then follows from the reads the preview derived.
      await this.rubrics.appendRescores(
        changes.flatMap((c) => c.reads),
        rubricId,
        `re-scored by rubric v${version}`,
        m,
      );
      for (const c of changes)
        await this.tasks.writeResolution(c.taskId, resolve(mode, readsAfter.get(c.taskId)!), m);
      await this.audit.record(
        actor,
        {
          action: 'rubric_edit',
          entityType: 'question',
          entityId: questionId,
          before: { version: before.version, rubric: before.rubric },
          after: { version, rubric: edit, rescored: changes.length },
        },
        m,
      );
      return { version, changes };
    });
  }

  /** Refuses an edit the question cannot take; else every marked answer whose points it would change, with the reads after. */
  private async changes(m: EntityManager, questionId: string, edit: RubricEdit) {
    const q = await this.rubrics.pointsAndMode(questionId, m);
    if (!q) throw noSuchQuestion(questionId);
    if (edit.ceilingPoints > q.points)
      throw new DomainError(
        `ceiling ${edit.ceilingPoints} is above the question's ${q.points} points`,
        422,
      );
    if (edit.floorPoints > edit.ceilingPoints) throw new DomainError('floor is above ceiling', 422);
    const ids = edit.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) throw new DomainError('item ids must be unique', 422);
    const mode = modeFrom(q);
    const tasks = await this.rubrics.markedTasks(questionId, m);
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
        reads: changed.map((c) => ({
          markId: c.mark.id,
          kind: c.mark.kind,
          oldPoints: c.mark.points,
          newPoints: c.newPoints,
        })),
        oldFinal: t.finalScore,
        newFinal: res.finalScore,
        newState: res.state,
      });
    }
    return { changes, unchanged: tasks.length - changes.length, mode, readsAfter };
  }
}
