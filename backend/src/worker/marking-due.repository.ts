import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** An answer's graded unit (answer, question) whose marking task is due. */
export interface DueUnit {
  responseId: string;
  questionId: string;
}

/** What the worker reads between grading and marking: the grades whose marking tasks are due. */
@Injectable()
export class MarkingDueRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /**
   * Units whose latest grade is unparsed and that have no marking task yet: what grading appended
   * since the last sync (or before a crash that lost its signal). Raw SQL: two anti-joins over the
   * partial index of unparsed grades (ix_auto_grades_unparsed) and the latest-grade index, so the
   * cost is the unparsed grades, never a walk over every grade.
   */
  unparsedWithoutTask(): Promise<DueUnit[]> {
    return this.db.query(
      `SELECT g.response_id AS "responseId", g.question_id AS "questionId"
       FROM auto_grades g
       WHERE g.status = 'unparsed'
         AND NOT EXISTS (SELECT 1 FROM auto_grades n WHERE n.response_id = g.response_id AND n.question_id = g.question_id AND n.id > g.id)
         AND NOT EXISTS (SELECT 1 FROM marking_tasks t WHERE t.response_id = g.response_id AND t.question_id = g.question_id)
       ORDER BY g.id`,
    );
  }
}
