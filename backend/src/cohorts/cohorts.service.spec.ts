import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { CohortsRepository } from './cohorts.repository';
import { CohortRejectedError, CohortsService } from './cohorts.service';
import { FakeCohortsRepository } from './testing/fake-cohorts.repository';

const actor = { id: 'researcher-1', name: 'researcher' };
const units = [
  { id: 'q1', number: '1', maxPoints: 5, type: 'single_choice', options: 4 },
  { id: 'q2', number: '2', maxPoints: 10, type: 'short_answer', options: 0 },
];

describe('CohortsService (fake repository)', () => {
  let repo: FakeCohortsRepository;
  let audited: { action: string; entityId?: string; after?: object; tx: unknown }[];
  let service: CohortsService;

  beforeEach(() => {
    repo = new FakeCohortsRepository();
    repo.papers.set('pv-1', { hash: 'hash-1', units, topLevel: new Map() });
    audited = [];
    const audit = {
      record: async (_a: unknown, r: { action: string }, m: unknown) =>
        void audited.push({ ...r, tx: m }),
    } as unknown as AuditService;
    service = new CohortsService(repo as unknown as CohortsRepository, audit);
  });

  it('refuses an unknown paper version, cohort or cohort key with 404', async () => {
    await expect(service.units('pv-x')).rejects.toMatchObject({
      status: 404,
      message: 'paper version pv-x does not exist',
    });
    await expect(service.get('c-x')).rejects.toBeInstanceOf(DomainError);
    await expect(service.keyOf('c-x')).rejects.toMatchObject({ status: 404 });
  });

  it('stores a score matrix under pseudonyms only, in one transaction with its audit entry', async () => {
    const csv = ['student,1,2', 'S001,5,7', 'S002,0,10'].join('\n');
    const cohort = await service.importFile(
      'pv-1',
      'Class 1',
      'class.csv',
      Buffer.from(csv),
      actor,
    );
    expect(cohort).toMatchObject({ id: 'cohort-1', kind: 'score_matrix', students: 2 });
    expect(repo.writes.map((w) => w.op)).toEqual(['cohort', 'matrix']);
    const [stored, matrix] = repo.writes;
    expect(matrix.tx).toBe(stored.tx);
    expect(audited).toEqual([
      expect.objectContaining({ action: 'cohort_import', entityId: 'cohort-1', tx: stored.tx }),
    ]);
    const m = matrix.data as { pseudonyms: string[]; questionIds: string[]; scores: number[] };
    expect(m.questionIds).toEqual(['q1', 'q2']);
    expect(m.scores).toEqual([5, 7, 0, 10]);
    // the raw ids never reach storage; the cohort's key gives the same pseudonyms back
    expect(m.pseudonyms.join()).not.toMatch(/S00/);
    const key = await service.keyOf('cohort-1');
    expect(m.pseudonyms).toEqual([key.pseudonym('S001'), key.pseudonym('S002')]);
    expect(stored.data).toMatchObject({
      isSynthetic: false,
      sourceFile: 'class.csv',
      replicates: { questionIds: ['q1', 'q2'] },
    });
  });

  it('rejects a table with problems before anything is written', async () => {
    const csv = ['student,1,2', 'S001,9,7'].join('\n');
    await expect(
      service.importFile('pv-1', 'Class 1', 'class.csv', Buffer.from(csv), actor),
    ).rejects.toBeInstanceOf(CohortRejectedError);
    expect(repo.writes).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('gives every paper version without a cohort a synthetic one, the same students for the same paper', async () => {
    repo.papers.set('pv-2', { hash: 'hash-2', units, topLevel: new Map() });
    expect(await service.ensureSyntheticCohorts(20)).toBe(2);
    expect(await service.ensureSyntheticCohorts(20)).toBe(0);
    const synthetic = repo.writes.filter((w) => w.op === 'cohort').map((w) => w.data);
    expect(synthetic).toEqual([
      expect.objectContaining({
        paperVersionId: 'pv-1',
        isSynthetic: true,
        students: 20,
        createdBy: null,
      }),
      expect.objectContaining({ paperVersionId: 'pv-2', isSynthetic: true }),
    ]);
    const again = new FakeCohortsRepository();
    again.papers.set('pv-1', { hash: 'hash-1', units, topLevel: new Map() });
    await new CohortsService(
      again as unknown as CohortsRepository,
      { record: async () => undefined } as unknown as AuditService,
    ).generateSynthetic('pv-1', 20, actor);
    const scores = (r: FakeCohortsRepository) =>
      (r.writes.find((w) => w.op === 'matrix')!.data as { scores: number[] }).scores;
    expect(scores(again)).toEqual(scores(repo));
  });
});
