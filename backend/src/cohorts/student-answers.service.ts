import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { GradingService } from '../grading/grading.service';
import { readTable } from './cohort-file';
import { CellError, studentIdProblem } from './domain/cohort-table';
import { CohortRejectedError, CohortsService } from './cohorts.service';

/**
 * Students' own answers (student, question, answer) for a cohort with a score matrix. They become
 * responses like any model's: graded when objective, queued blind for teachers when not.
 */
@Injectable()
export class StudentAnswersService {
  constructor(
    private readonly db: DataSource,
    private readonly cohorts: CohortsService,
    private readonly grading: GradingService,
    private readonly audit: AuditService,
  ) {}

  async import(cohortId: string, file: string, data: Buffer, actor: AuditActor) {
    const key = await this.cohorts.keyOf(cohortId);
    const { header, rows } = await readTable(file, data);
    const errors: CellError[] = [];
    const cols = ['student', 'question', 'answer'];
    cols.forEach((name, k) => {
      if ((header[k] ?? '').toLowerCase() !== name)
        errors.push({ file, row: 1, column: String.fromCharCode(65 + k), message: `column ${k + 1} must be "${name}"` });
    });
    if (errors.length) throw new CohortRejectedError(errors);
    const students = new Map<string, string>(
      (await this.db.query(`SELECT id::text, pseudonym FROM cohort_students WHERE cohort_id = $1`, [cohortId])).map(
        (r: { id: string; pseudonym: string }) => [r.pseudonym, r.id],
      ),
    );
    const questions = new Map<string, string>(
      (await this.db.query(`SELECT id, number FROM questions WHERE paper_version_id = $1 AND parent_id IS NULL`, [key.paperVersionId])).map(
        (r: { id: string; number: string }) => [r.number, r.id],
      ),
    );
    const seen = new Map<string, number>();
    const out: { studentId: string; questionId: string; text: string }[] = [];
    rows.forEach(([student = '', question = '', text = ''], i) => {
      const row = i + 2;
      const idProblem = studentIdProblem(student.trim());
      if (idProblem)
        errors.push({
          file,
          row,
          column: 'student (A)',
          code: idProblem.code,
          params: { file, row, column: 'A' },
          message: idProblem.message,
        });
      const studentId = students.get(key.pseudonym(student.trim()));
      const questionId = questions.get(question.trim());
      if (!idProblem && !studentId)
        errors.push({ file, row, column: 'student (A)', message: `student "${student}" is not in this cohort` });
      if (!questionId) errors.push({ file, row, column: 'question (B)', message: `no top-level question "${question}" in this paper` });
      const k = `${student.trim()}|${question.trim()}`;
      if (seen.has(k))
        errors.push({
          file,
          row,
          column: 'question (B)',
          message: `a second answer of this student to this question (first on row ${seen.get(k)})`,
        });
      seen.set(k, row);
      if (studentId && questionId) out.push({ studentId, questionId, text });
    });
    if (!rows.length) errors.push({ file, row: 2, message: 'no answers' });
    if (errors.length) throw new CohortRejectedError(errors.slice(0, 100));
    await this.db.transaction(async (m) => {
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM responses r JOIN unnest($1::bigint[], $2::uuid[]) x(s, q) ON r.student_id = x.s AND r.question_id = x.q`,
        [out.map((o) => o.studentId), out.map((o) => o.questionId)],
      );
      if (n)
        throw new CohortRejectedError([
          { file, row: 1, message: `${n} of these students' answers were imported before; nothing was stored` },
        ]);
      await m.query(
        `INSERT INTO responses (question_id, source_kind, student_id, outcome, text)
         SELECT q, 'student', s, 'answered', t FROM unnest($1::uuid[], $2::bigint[], $3::text[]) x(q, s, t)`,
        [out.map((o) => o.questionId), out.map((o) => o.studentId), out.map((o) => o.text)],
      );
      await this.audit.record(
        actor,
        { action: 'student_answers_import', entityType: 'cohort', entityId: cohortId, after: { file, answers: out.length } },
        m,
      );
    });
    const { graded } = await this.grading.catchUp();
    return { imported: out.length, graded };
  }
}
