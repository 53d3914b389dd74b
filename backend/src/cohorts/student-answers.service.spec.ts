import { AuditService } from '../audit/audit.service';
import { Pipeline } from '../jobs/pipeline';
import { CohortsRepository } from './cohorts.repository';
import { CohortRejectedError, CohortsService } from './cohorts.service';
import { StudentAnswersService } from './student-answers.service';
import { FakeCohortsRepository } from './testing/fake-cohorts.repository';

const actor = { id: 'researcher-1', name: 'researcher' };
const units = [
  { id: 'q1', number: '1', maxPoints: 5, type: 'single_choice', options: 4 },
  { id: 'q7', number: '7', maxPoints: 10, type: 'short_answer', options: 0 },
];

describe('StudentAnswersService (fake repository)', () => {
  let repo: FakeCohortsRepository;
  let log: string[];
  let service: StudentAnswersService;
  let cohortId: string;

  beforeEach(async () => {
    repo = new FakeCohortsRepository();
    repo.papers.set('pv-1', {
      hash: 'h',
      units,
      topLevel: new Map([
        ['1', 'q1'],
        ['7', 'q7'],
      ]),
    });
    log = [];
    const audit = {
      record: async (_a: unknown, r: { action: string }) => void log.push(`audit ${r.action}`),
    } as unknown as AuditService;
    const cohorts = new CohortsService(
      repo as unknown as CohortsRepository,
      { record: async () => undefined } as unknown as AuditService,
    );
    cohortId = (
      await cohorts.importFile(
        'pv-1',
        'Class',
        'c.csv',
        Buffer.from('student,1,7\nS001,5,7\nS002,0,10'),
        actor,
      )
    ).id;
    repo.writes.length = 0;
    const pipeline = {
      answersStored: async () => void log.push('signal'),
      settle: async () => ({ graded: 0, changed: 0, queued: 0 }),
    } as Pipeline;
    service = new StudentAnswersService(
      repo as unknown as CohortsRepository,
      cohorts,
      pipeline,
      audit,
    );
  });

  const rejection = (csv: string) =>
    service.import(cohortId, 'answers.csv', Buffer.from(csv), actor).then(
      () => null,
      (e: CohortRejectedError) => e.errors,
    );

  it('stores the answers and their audit entry in one transaction, then signals the pipeline (it never grades)', async () => {
    const result = await service.import(
      cohortId,
      'answers.csv',
      Buffer.from('student,question,answer\nS001,7,x^2\nS002,1,A'),
      actor,
    );
    expect(result).toEqual({ imported: 2 });
    expect(repo.writes).toEqual([
      {
        op: 'answers',
        tx: { tx: 2 },
        data: [
          { studentId: '1', questionId: 'q7', text: 'x^2' },
          { studentId: '2', questionId: 'q1', text: 'A' },
        ],
      },
    ]);
    expect(log).toEqual(['audit student_answers_import', 'signal']);
  });

  it('refuses a wrong header, unknown students and questions, a formula as an id and a second answer, naming row and column', async () => {
    expect(await rejection('student,question,text\nS001,1,A')).toEqual([
      { file: 'answers.csv', row: 1, column: 'C', message: 'column 3 must be "answer"' },
    ]);
    const errors = await rejection(
      'student,question,answer\nS999,1,A\nS001,99,B\n=cmd,1,C\nS001,1,A\nS001,1,B',
    );
    expect(errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'student (A)',
        message: 'student "S999" is not in this cohort',
      }),
      expect.objectContaining({
        row: 3,
        column: 'question (B)',
        message: 'no top-level question "99" in this paper',
      }),
      expect.objectContaining({ row: 4, column: 'student (A)', code: 'cohort.student_formula' }),
      expect.objectContaining({
        row: 6,
        column: 'question (B)',
        message: 'a second answer of this student to this question (first on row 5)',
      }),
    ]);
    expect(await rejection('student,question,answer')).toEqual([
      expect.objectContaining({ row: 2, message: 'no answers' }),
    ]);
    expect(repo.writes).toEqual([]);
    expect(log).toEqual([]);
  });

  it('refuses, storing nothing, answers imported before', async () => {
    repo.answered.add('1|q1');
    expect(await rejection('student,question,answer\nS001,1,A\nS002,1,B')).toEqual([
      {
        file: 'answers.csv',
        row: 1,
        message: "1 of these students' answers were imported before; nothing was stored",
      },
    ]);
    expect(repo.writes).toEqual([]);
    expect(log).toEqual([]);
  });
});
