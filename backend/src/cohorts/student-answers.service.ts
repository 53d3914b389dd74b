import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Pipeline } from '../jobs/pipeline';
import { readTable } from './cohort-file';
import { CellError, studentIdProblem } from './domain/cohort-table';
import { CohortsRepository } from './cohorts.repository';
import { CohortRejectedError, CohortsService } from './cohorts.service';

/**
 * Students' own answers (student, question, answer) for a cohort with a score matrix. They become
 * responses like any model's: graded when objective, queued blind for teachers when not. The
 * import only stores them and signals the pipeline; the controller settles it before answering.
 */
@Injectable()
export class StudentAnswersService {
  constructor(
    private readonly repo: CohortsRepository,
    private readonly cohorts: CohortsService,
    private readonly pipeline: Pipeline,
    private readonly audit: AuditService,
  ) {}

  async import(cohortId: string, file: string, data: Buffer, actor: AuditActor) {
    const key = await this.cohorts.keyOf(cohortId);
    const { header, rows } = await readTable(file, data);
    const errors: CellError[] = [];
    const cols = ['student', 'question', 'answer'];
    cols.forEach((name, k) => {
      if ((header[k] ?? '').toLowerCase() !== name)
        errors.push({
          file,
          row: 1,
          column: String.fromCharCode(65 + k),
          message: `column ${k + 1} must be "${name}"`,
        });
    });
    if (errors.length) throw new CohortRejectedError(errors);
    const students = await this.repo.students(cohortId);
    const questions = await this.repo.topLevelQuestions(key.paperVersionId);
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
        errors.push({
          file,
          row,
          column: 'student (A)',
          message: `student "${student}" is not in this cohort`,
        });
      if (!questionId)
        errors.push({
          file,
          row,
          column: 'question (B)',
          message: `no top-level question "${question}" in this paper`,
        });
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
    await this.repo.transaction(async (m) => {
      const n = await this.repo.answeredBefore(m, out);
      if (n)
        throw new CohortRejectedError([
          {
            file,
            row: 1,
            message: `${n} of these students' answers were imported before; nothing was stored`,
          },
        ]);
      await this.repo.insertAnswers(m, out);
      await this.audit.record(
        actor,
        {
          action: 'student_answers_import',
          entityType: 'cohort',
          entityId: cohortId,
          after: { file, answers: out.length },
        },
        m,
      );
    });
    await this.pipeline.answersStored();
    return { imported: out.length };
  }
}
