import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { GradingRepository } from './grading.repository';
import { GradingService } from './grading.service';
import { KeyCorrectionsService } from './key-corrections.service';
import { FakeGradingRepository } from './testing/fake-grading.repository';

const actor = { id: 'author-1', name: 'author' };
const question = {
  id: 'q1',
  number: '3',
  type: 'single_choice',
  points: 5,
  options: ['A', 'B', 'C', 'D'].map((label) => ({ label })),
  blanks: null,
  answerKey: 'C',
  isObjective: true,
};

describe('KeyCorrectionsService (fake repository)', () => {
  let repo: FakeGradingRepository;
  let log: string[];
  let service: KeyCorrectionsService;

  beforeEach(() => {
    repo = new FakeGradingRepository();
    repo.correctable = question;
    log = [];
    const audit = {
      record: async (_a: unknown, r: { action: string }, m: unknown) =>
        void log.push(`audit ${r.action} in ${JSON.stringify(m)}`),
    } as unknown as AuditService;
    const grading = {
      regrade: async (scope: object) => {
        log.push(`regrade ${JSON.stringify(scope)}`);
        return { checked: 2, changes: [] };
      },
    } as unknown as GradingService;
    service = new KeyCorrectionsService(repo as unknown as GradingRepository, audit, grading);
  });

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: DomainError) => ({ status: e.status, message: e.message }),
    );

  it('refuses a correction with neither key nor policy, an unknown question and a subjective one, storing nothing', async () => {
    expect(await refusal(service.correct({ questionId: 'q1', reason: 'r' }, actor))).toMatchObject({
      status: 400,
    });
    repo.correctable = null;
    expect(
      await refusal(service.correct({ questionId: 'q9', key: 'A', reason: 'r' }, actor)),
    ).toMatchObject({
      status: 404,
      message: 'question q9 does not exist',
    });
    repo.correctable = { ...question, type: 'short_answer', isObjective: false };
    expect(
      await refusal(service.correct({ questionId: 'q1', key: 'A', reason: 'r' }, actor)),
    ).toMatchObject({ status: 422 });
    expect(repo.writes).toEqual([]);
    expect(log).toEqual([]);
  });

  it('refuses a key the question cannot have, naming the field', async () => {
    const e = (await service
      .correct({ questionId: 'q1', key: 'E', reason: 'typo' }, actor)
      .catch((x) => x)) as DomainError;
    expect(e.status).toBe(400);
    expect(e.errors).toEqual([{ field: 'key', message: 'must be one of the option labels' }]);
    expect(repo.writes).toEqual([]);
  });

  it('appends the correction and its audit entry in one transaction, then re-grades the question', async () => {
    expect(await service.correct({ questionId: 'q1', key: 'B', reason: 'erratum' }, actor)).toEqual(
      { checked: 2, changes: [] },
    );
    expect(repo.writes).toEqual([
      {
        op: 'correction',
        tx: { tx: 1 },
        data: {
          questionId: 'q1',
          key: 'B',
          policy: undefined,
          reason: 'erratum',
          createdBy: 'author-1',
        },
      },
    ]);
    expect(log).toEqual(['audit key_correction in {"tx":1}', 'regrade {"questionIds":["q1"]}']);
  });
});
