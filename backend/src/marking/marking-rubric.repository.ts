import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Rubric } from './domain/marking-rules';
import type { RecordedMark } from './domain/rescore';
import { LATEST_RUBRIC, MODE_COLUMNS, RUBRIC_JSON } from './marking-sql';
import type { ModeRow } from './marking.types';

export interface CurrentRubricRow {
  questionId: string;
  number: string;
  maxPoints: number;
  /** null: the question has no rubric yet. */
  version: number | null;
  rubric: Rubric & { graderNotes: string | null };
}

/** A marked answer with every mark on it and the rubric each mark applied. */
export interface MarkedTaskRow {
  taskId: string;
  excerpt: string;
  finalScore: number | null;
  marks: RecordedMark[];
}

export interface NewRubricVersion extends Rubric {
  questionId: string;
  version: number;
  graderNotes: string | null;
  /** The editor (null: the system). */
  createdBy: string | null;
}

/**
 * Rubric versions and the re-scoring of marks after an edit. Raw SQL: the latest rubric by a
 * lateral join, each answer's marks with their rubrics as one json_agg, and one INSERT … SELECT
 * from unnest() for every re-scored read.
 */
@Injectable()
export class MarkingRubricRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async current(
    questionId: string,
    m: EntityManager = this.db.manager,
  ): Promise<CurrentRubricRow | null> {
    const [row] = await m.query(
      `SELECT q.id AS "questionId", q.number, q.points::float AS "maxPoints", b.version, ${RUBRIC_JSON} AS rubric
       FROM questions q ${LATEST_RUBRIC}
       WHERE q.id = $1`,
      [questionId],
    );
    return row ?? null;
  }

  /** One editor at a time per question. */
  async lockQuestion(questionId: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT 1 FROM questions WHERE id = $1 FOR UPDATE`, [questionId]);
  }

  /** Holds the question's answers, in id order (no deadlock with another holder). */
  async lockTasks(questionId: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM marking_tasks WHERE question_id = $1 ORDER BY id FOR UPDATE`, [
      questionId,
    ]);
  }

  async pointsAndMode(
    questionId: string,
    m: EntityManager,
  ): Promise<(ModeRow & { points: number }) | null> {
    const [q] = await m.query(
      `SELECT q.points::float AS points, ${MODE_COLUMNS} FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = $1`,
      [questionId],
    );
    return q ?? null;
  }

  /** Every answer of the question with marks, each with its marks in order. */
  markedTasks(questionId: string, m: EntityManager): Promise<MarkedTaskRow[]> {
    return m.query(
      `SELECT t.id::text AS "taskId", left(COALESCE(r.text, ''), 400) AS excerpt, t.final_score::float AS "finalScore",
              json_agg(json_build_object('id', k.id::text, 'markerId', k.marker_id, 'kind', k.read_kind, 'points', k.points::float,
                'appliedItems', k.applied_items, 'adjustment', k.adjustment::float, 'comment', k.comment,
                'rubric', CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('mode', b.mode, 'startingPoints', b.starting_points::float,
                  'floorPoints', b.floor_points::float, 'ceilingPoints', b.ceiling_points::float, 'items', b.items) END) ORDER BY k.id) AS marks
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id JOIN marks k ON k.task_id = t.id LEFT JOIN rubrics b ON b.id = k.rubric_id
       WHERE t.question_id = $1 GROUP BY t.id, r.text ORDER BY t.id`,
      [questionId],
    );
  }

  /** A new rubric version; the samples carry over from the version before. Returns its id. */
  async insertVersion(r: NewRubricVersion, m: EntityManager): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO rubrics (question_id, version, mode, starting_points, floor_points, ceiling_points, items, grader_notes, samples, created_by)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, COALESCE((SELECT samples FROM rubrics WHERE question_id = $1 ORDER BY version DESC LIMIT 1), '[]'), $9
       RETURNING id`,
      [
        r.questionId,
        r.version,
        r.mode,
        r.startingPoints,
        r.floorPoints,
        r.ceilingPoints,
        JSON.stringify(r.items),
        r.graderNotes,
        r.createdBy,
      ],
    );
    return row.id;
  }

  /**
   * One appended mark per re-scored read, under the reader it re-scores and superseding it (an
   * arbitration stays an arbitration, any other read becomes a "rescore"), in the given order.
   */
  async appendRescores(
    changed: { markId: string; newPoints: number }[],
    rubricId: string,
    comment: string,
    m: EntityManager,
  ): Promise<void> {
    await m.query(
      `INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, supersedes_id)
       SELECT k.task_id, k.marker_id, CASE WHEN k.read_kind = 'arbitration' THEN 'arbitration' ELSE 'rescore' END, $3, k.applied_items,
              k.adjustment, $4, x.points, k.id
       FROM unnest($1::bigint[], $2::numeric[]) WITH ORDINALITY x(id, points, i) JOIN marks k ON k.id = x.id ORDER BY x.i`,
      [changed.map((r) => r.markId), changed.map((r) => r.newPoints), rubricId, comment],
    );
  }
}
