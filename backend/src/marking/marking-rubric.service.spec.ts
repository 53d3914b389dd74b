import type { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import type { Rubric } from './domain/marking-rules';
import type { RecordedMark } from './domain/rescore';
import type {
  CurrentRubricRow,
  MarkedTaskRow,
  MarkingRubricRepository,
  NewRubricVersion,
} from './marking-rubric.repository';
import { MarkingRubricService, RubricEdit } from './marking-rubric.service';
import { FakeMarkingTasks, fakeTask } from './testing/fake-marking-tasks';

const V1: Rubric = {
  mode: 'items',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 6,
  items: [
    { id: 'a', description: '列式', points: 2 },
    { id: 'b', description: '结果', points: 4 },
  ],
};
const actor = { id: 'editor', username: 'setter' } as AuditActor;

class FakeRubrics {
  version: number | null = 1;
  points = 6;
  mode = { mode: 'double', tolerance: 1 };
  marked: MarkedTaskRow[] = [];
  readonly calls: string[] = [];
  readonly inserted: NewRubricVersion[] = [];
  readonly rescores: { markId: string; newPoints: number }[][] = [];

  async transaction<T>(work: (m: never) => Promise<T>) {
    this.calls.push('transaction');
    return work({} as never);
  }
  async current(questionId: string): Promise<CurrentRubricRow | null> {
    return questionId === 'q1'
      ? {
          questionId,
          number: '17',
          maxPoints: this.points,
          version: this.version,
          rubric: { ...V1, graderNotes: null },
        }
      : null;
  }
  async lockQuestion() {
    this.calls.push('lockQuestion');
  }
  async lockTasks() {
    this.calls.push('lockTasks');
  }
  async pointsAndMode(questionId: string) {
    return questionId === 'q1' ? { points: this.points, ...this.mode } : null;
  }
  async markedTasks() {
    return this.marked;
  }
  async insertVersion(r: NewRubricVersion) {
    this.calls.push('insertVersion');
    this.inserted.push(r);
    return 'r2';
  }
  async appendRescores(changed: { markId: string; newPoints: number }[]) {
    this.calls.push('appendRescores');
    this.rescores.push(changed);
  }
}

const byItems = (
  id: string,
  markerId: string,
  kind: RecordedMark['kind'],
  applied: string[],
): RecordedMark => ({
  id,
  markerId,
  kind,
  points: applied.reduce((a, x) => a + V1.items.find((i) => i.id === x)!.points, 0),
  appliedItems: applied,
  adjustment: 0,
  comment: null,
  rubric: V1,
});

function setup() {
  const rubrics = new FakeRubrics();
  const tasks = new FakeMarkingTasks();
  const audits: unknown[] = [];
  const audit = {
    record: async (_a: AuditActor, rec: unknown) =>
      void (audits.push(rec), rubrics.calls.push('audit')),
  } as unknown as AuditService;
  const service = new MarkingRubricService(
    rubrics as unknown as MarkingRubricRepository,
    tasks.asRepository(),
    audit,
  );
  return { rubrics, tasks, audits, service };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The edit: 结果 is now worth 3, so every read that applied it loses a point. */
const EDIT: RubricEdit = { ...V1, items: [V1.items[0], { ...V1.items[1], points: 3 }] };

describe('MarkingRubricService', () => {
  it('calls a question without a rubric version 0, and refuses a question that does not exist', async () => {
    const { rubrics, service } = setup();
    rubrics.version = null;
    expect(await service.current('q1')).toMatchObject({ version: 0 });
    expect(await refusal(service.current('q9'))).toMatchObject({ status: 404 });
  });

  it('refuses an edit the question cannot take: a ceiling above its points, a floor above the ceiling, twin item ids', async () => {
    const { service } = setup();
    expect(await refusal(service.preview('q1', { ...EDIT, ceilingPoints: 7 }))).toMatchObject({
      status: 422,
    });
    expect(
      await refusal(service.preview('q1', { ...EDIT, floorPoints: 7, ceilingPoints: 6 })),
    ).toMatchObject({ status: 422 });
    expect(
      await refusal(service.preview('q1', { ...EDIT, items: [V1.items[0], V1.items[0]] })),
    ).toMatchObject({
      message: 'item ids must be unique',
    });
  });

  it('previews the answers whose points change (a typed score or an unchanged item left alone), in the blind form', async () => {
    const { rubrics, service } = setup();
    rubrics.marked = [
      {
        taskId: 't1',
        excerpt: '答：9<eoa>',
        finalScore: 6,
        marks: [
          byItems('1', 'alice', 'first', ['a', 'b']),
          byItems('2', 'bob', 'second', ['a', 'b']),
        ],
      },
      {
        taskId: 't2',
        excerpt: 'x',
        finalScore: 2,
        marks: [byItems('3', 'alice', 'first', ['a']), byItems('4', 'bob', 'second', ['a'])],
      },
    ];
    const { changes, unchanged } = await service.preview('q1', EDIT);
    expect(unchanged).toBe(1);
    expect(changes).toEqual([
      {
        taskId: 't1',
        excerpt: '答：9',
        reads: [
          { markId: '1', kind: 'first', oldPoints: 6, newPoints: 5 },
          { markId: '2', kind: 'second', oldPoints: 6, newPoints: 5 },
        ],
        oldFinal: 6,
        newFinal: 5,
        newState: 'done',
      },
    ]);
    expect(rubrics.inserted).toEqual([]);
  });

  it('refuses a stale editor before anything is written', async () => {
    const { rubrics, service } = setup();
    expect(await refusal(service.apply('q1', EDIT, 0, actor))).toMatchObject({ status: 409 });
    expect(rubrics.calls).toEqual(['transaction', 'lockQuestion']);
  });

  it('applies: question locked, answers held, a new version, one re-score per changed read, states derived, audited', async () => {
    const { rubrics, tasks, audits, service } = setup();
    const t = tasks.add(fakeTask({ id: 't1', state: 'done', finalScore: 6 }));
    rubrics.marked = [
      {
        taskId: 't1',
        excerpt: 'x',
        finalScore: 6,
        marks: [byItems('1', 'alice', 'first', ['a', 'b']), byItems('2', 'bob', 'second', ['a'])],
      },
    ];
    // 6 and 2 were beyond tolerance and a senior arbitrated 5 (by score): the arbitration is left as it is
    rubrics.marked[0].marks.push({
      ...byItems('3', 'senior', 'arbitration', []),
      points: 5,
      rubric: null,
    });
    const result = await service.apply('q1', EDIT, 1, actor);
    expect(result.version).toBe(2);
    expect(rubrics.calls).toEqual([
      'transaction',
      'lockQuestion',
      'lockTasks',
      'insertVersion',
      'appendRescores',
      'audit',
    ]);
    expect(rubrics.inserted[0]).toMatchObject({
      questionId: 'q1',
      version: 2,
      createdBy: 'editor',
      graderNotes: null,
    });
    expect(rubrics.rescores[0]).toEqual([
      { markId: '1', kind: 'first', oldPoints: 6, newPoints: 5 },
    ]);
    expect(tasks.calls).toEqual(['writeResolution']);
    expect(t).toMatchObject({ state: 'done', finalScore: 5 });
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'rubric_edit',
        entityId: 'q1',
        before: expect.objectContaining({ version: 1 }),
        after: expect.objectContaining({ version: 2, rescored: 1 }),
      }),
    ]);
  });
});
