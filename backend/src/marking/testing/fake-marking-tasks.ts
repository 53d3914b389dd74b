import type { EntityManager } from 'typeorm';
import type { Read, Resolution, Rubric } from '../domain/marking-rules';
import type { MarkingTasksRepository, QuestionPlacement } from '../marking-tasks.repository';
import type { BlindTask, LockedTask, NewMark } from '../marking.types';

/** For unit specs only: an in-memory stand-in of MarkingTasksRepository that records every write. */

export const SCORE_RUBRIC: Rubric = {
  mode: 'score',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 10,
  items: [],
};

export interface FakeTask extends Omit<LockedTask, 'reads'> {
  reads: Read[];
  finalScore: number | null;
  answerText: string;
}

/** The one manager the fake's transactions hand out, so a spec can see a write joined the transaction. */
export const TX = { tx: true } as unknown as EntityManager;

export function fakeTask(over: Partial<FakeTask> = {}): FakeTask {
  return {
    id: 't1',
    questionId: 'q1',
    type: 'short_answer',
    state: 'open',
    leaseHolder: 'alice',
    leaseToken: 'tok',
    isLeaseLive: true,
    isAssigned: true,
    isCalibration: false,
    version: '1',
    rubricId: 'r1',
    rubric: SCORE_RUBRIC,
    mode: 'single',
    tolerance: 0,
    reads: [],
    finalScore: null,
    answerText: '答：x=2',
    ...over,
  };
}

export class FakeMarkingTasks {
  readonly tasks = new Map<string, FakeTask>();
  /** (user, question) pairs assigned. */
  readonly assigned = new Set<string>();
  readonly calls: string[] = [];
  readonly marks: {
    taskId: string;
    userId: string;
    mark: NewMark | { kind: 'problem'; reason: string };
    inTx: boolean;
  }[] = [];
  readonly skips: string[] = [];
  /** What claimNext hands out next (null: nothing left), and claimCalibration. */
  nextTaskId: string | null = null;
  calibrationId: string | null = null;
  leasedId: string | null = null;
  /** How many conditioned writes miss (another change in between) before one lands. */
  missWrites = 0;

  add(t: FakeTask): FakeTask {
    this.tasks.set(t.id, t);
    return t;
  }

  assign(userId: string, questionId: string) {
    this.assigned.add(`${userId}/${questionId}`);
  }

  private view(t: FakeTask): BlindTask {
    return {
      taskId: t.id,
      leaseToken: t.leaseToken ?? '',
      leaseExpiresAt: '2026-01-01T00:00:00Z',
      question: {
        id: t.questionId,
        number: '1',
        type: t.type,
        points: 10,
        stem: 'stem',
        referenceAnswer: null,
      },
      rubric: { ...t.rubric, graderNotes: null },
      answer: { text: t.answerText },
      samples: [],
      readNumber: new Set(t.reads.map((r) => r.markerId)).size + 1,
    };
  }

  private apply(t: FakeTask, res: Pick<Resolution, 'state' | 'finalScore'>) {
    t.state = res.state;
    t.finalScore = res.finalScore;
    t.leaseHolder = t.leaseToken = null;
    t.isLeaseLive = false;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    this.calls.push('transaction');
    return work(TX);
  }

  async queueAnswered() {
    this.calls.push('queueAnswered');
    return 3;
  }

  async queueUnits(_m: EntityManager, units: unknown[]) {
    this.calls.push('queueUnits');
    return units.length;
  }

  async isAssigned(userId: string, questionId: string) {
    return this.assigned.has(`${userId}/${questionId}`);
  }

  async myQuestions() {
    return [];
  }

  async claimNext(userId: string, questionId: string) {
    this.calls.push('claimNext');
    const isAssigned = this.assigned.has(`${userId}/${questionId}`);
    const t = isAssigned && this.nextTaskId ? this.tasks.get(this.nextTaskId)! : null;
    if (t) Object.assign(t, { leaseHolder: userId, leaseToken: 'tok', isLeaseLive: true });
    return { isAssigned, task: t && this.view(t) };
  }

  async leasedTaskId() {
    return this.leasedId;
  }

  async claimCalibration(userId: string) {
    this.calls.push('claimCalibration');
    const t = this.calibrationId ? this.tasks.get(this.calibrationId)! : null;
    if (t) Object.assign(t, { leaseHolder: userId, leaseToken: 'tok', isLeaseLive: true });
    return t?.id ?? null;
  }

  async blindTask(taskId: string) {
    return this.view(this.tasks.get(taskId)!);
  }

  async taskForMark(userId: string, taskId: string, lock: boolean, m?: EntityManager) {
    this.calls.push(lock ? `taskForMark:lock${m === TX ? ':tx' : ''}` : 'taskForMark');
    const t = this.tasks.get(taskId);
    if (!t) return null;
    return {
      ...t,
      reads: [...t.reads],
      isAssigned: this.assigned.has(`${userId}/${t.questionId}`),
    };
  }

  async appendAndResolve(
    taskId: string,
    userId: string,
    mark: NewMark,
    res: Resolution,
    version: string | null,
  ) {
    this.calls.push('appendAndResolve');
    const t = this.tasks.get(taskId)!;
    if (this.missWrites > 0) {
      this.missWrites--;
      return false;
    }
    if (version !== null && version !== t.version) return false;
    this.marks.push({ taskId, userId, mark, inTx: false });
    t.reads.push({ markerId: userId, kind: mark.kind as Read['kind'], points: mark.points });
    t.version = String(Number(t.version) + 1);
    this.apply(t, res);
    return true;
  }

  async appendCalibration(taskId: string, userId: string, mark: NewMark, m: EntityManager) {
    this.calls.push('appendCalibration');
    this.marks.push({ taskId, userId, mark: { ...mark, kind: 'calibration' }, inTx: m === TX });
    const t = this.tasks.get(taskId)!;
    t.reads.push({ markerId: userId, kind: 'calibration', points: mark.points });
    t.leaseHolder = t.leaseToken = null;
  }

  async skip(taskId: string, userId: string, m: EntityManager) {
    this.calls.push(`skip${m === TX ? ':tx' : ''}`);
    this.skips.push(`${userId}/${taskId}`);
    const t = this.tasks.get(taskId)!;
    t.leaseHolder = t.leaseToken = null;
  }

  async appendProblem(
    taskId: string,
    userId: string,
    reason: string,
    _token: string,
    m: EntityManager,
  ) {
    this.calls.push('appendProblem');
    this.marks.push({ taskId, userId, mark: { kind: 'problem', reason }, inTx: m === TX });
    this.tasks.get(taskId)!.reads.push({ markerId: userId, kind: 'problem', points: null });
  }

  async writeResolution(taskId: string, res: Resolution) {
    this.calls.push('writeResolution');
    this.apply(this.tasks.get(taskId)!, res);
  }

  async reads(taskId: string) {
    return [...this.tasks.get(taskId)!.reads];
  }

  async mode(questionId: string) {
    const t = [...this.tasks.values()].find((x) => x.questionId === questionId)!;
    return { mode: t.mode, tolerance: t.tolerance };
  }

  async rubric(questionId: string) {
    const t = [...this.tasks.values()].find((x) => x.questionId === questionId)!;
    return { id: t.rubricId, rubric: t.rubric };
  }

  placementOf: QuestionPlacement | null = null;
  async placement() {
    return this.placementOf;
  }

  /** The fake typed as the repository it stands in for. */
  asRepository(): MarkingTasksRepository {
    return this as unknown as MarkingTasksRepository;
  }
}
