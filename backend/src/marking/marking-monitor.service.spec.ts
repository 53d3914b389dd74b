import type { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import type {
  CalibrationTarget,
  MarkingMonitorRepository,
  SettledAnswerRow,
  TeacherRow,
} from './marking-monitor.repository';
import { MarkingMonitorService } from './marking-monitor.service';

const actor = { id: 'senior', username: 'senior' } as AuditActor;

class FakeMonitor {
  question: { points: number; tolerance: number } | null = { points: 10, tolerance: 1 };
  rows: TeacherRow[] = [];
  sd: number | null = 2;
  answers: SettledAnswerRow[] = [];
  target: CalibrationTarget | null = null;
  readonly set: [string, number][] = [];
  async transaction<T>(work: (m: never) => Promise<T>) {
    return work({} as never);
  }
  async pointsAndTolerance() {
    return this.question;
  }
  async teachers() {
    return this.rows;
  }
  async overallSd() {
    return this.sd;
  }
  async settledAnswers() {
    return this.answers;
  }
  async lockForCalibration() {
    return this.target;
  }
  async setCalibration(taskId: string, expert: number) {
    this.set.push([taskId, expert]);
  }
}

const teacher = (over: Partial<TeacherRow>): TeacherRow => ({
  marker: 'x',
  count: 10,
  medianSeconds: 12,
  mean: 5,
  sd: 1,
  thirdReadRate: 0,
  pairs: null,
  earlyMean: 5,
  lateMean: 5,
  calibrationN: 0,
  calibrationError: null,
  ...over,
});

function setup() {
  const repo = new FakeMonitor();
  const audits: unknown[] = [];
  const audit = {
    record: async (_a: AuditActor, rec: unknown) => void audits.push(rec),
  } as unknown as AuditService;
  return {
    repo,
    audits,
    service: new MarkingMonitorService(repo as unknown as MarkingMonitorRepository, audit),
  };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { status: e.status };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('MarkingMonitorService', () => {
  it('refuses a question that does not exist', async () => {
    const { repo, service } = setup();
    repo.question = null;
    expect(await refusal(service.question('q9'))).toEqual({ status: 404 });
  });

  it('flags the lenient and the severe (half an SD from everyone’s mean), drift, low agreement and calibration error', async () => {
    const { repo, service } = setup();
    // everyone's mean, weighted by count: (7·10 + 3·10 + 5·10) / 30 = 5; the spread of all reads 2
    const disagree: [number, number][] = [
      [0, 10],
      [10, 0],
      [0, 10],
      [10, 0],
      [5, 5],
    ];
    repo.rows = [
      teacher({ marker: 'lenient', mean: 7 }),
      teacher({ marker: 'severe', mean: 3, earlyMean: 2, lateMean: 4, pairs: disagree }),
      teacher({ marker: 'steady', mean: 5, calibrationN: 3, calibrationError: 1.5 }),
    ];
    const report = await service.question('q1');
    expect(report).toMatchObject({ questionId: 'q1', maxPoints: 10, mean: 5, sd: 2 });
    expect(Object.fromEntries(report.teachers.map((t) => [t.marker, t.flags]))).toEqual({
      lenient: ['lenient'],
      severe: ['severe', 'drift', 'low_agreement'],
      steady: ['calibration_error'],
    });
  });

  it('does not judge a teacher on fewer than five reads', async () => {
    const { repo, service } = setup();
    repo.rows = [
      teacher({ marker: 'new', count: 4, mean: 9 }),
      teacher({ marker: 'old', count: 20, mean: 4 }),
    ];
    const report = await service.question('q1');
    expect(report.teachers.find((t) => t.marker === 'new')!.flags).toEqual([]);
  });

  it('shows settled answers in the blind form', async () => {
    const { repo, service } = setup();
    repo.answers = [
      {
        taskId: 't1',
        excerpt: '略<eoe>',
        finalScore: 3,
        isCalibration: false,
        expertScore: null,
        calibrationReads: 0,
      },
    ];
    expect((await service.answers('q1'))[0].excerpt).toBe('略');
  });

  it('makes only a settled answer a calibration item, with an expert score within the points, audited', async () => {
    const { repo, audits, service } = setup();
    expect(await refusal(service.makeCalibration('t1', 5, actor))).toEqual({ status: 404 });
    repo.target = {
      id: 't1',
      state: 'needs_third',
      isCalibration: false,
      expertScore: null,
      points: 10,
    };
    expect(await refusal(service.makeCalibration('t1', 5, actor))).toEqual({ status: 409 });
    repo.target.state = 'done';
    expect(await refusal(service.makeCalibration('t1', 11, actor))).toEqual({ status: 422 });
    expect(repo.set).toEqual([]);
    expect(await service.makeCalibration('t1', 7, actor)).toEqual({
      taskId: 't1',
      isCalibration: true,
      expertScore: 7,
    });
    expect(repo.set).toEqual([['t1', 7]]);
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'calibration_set',
        before: { isCalibration: false, expertScore: null },
        after: { isCalibration: true, expertScore: 7 },
      }),
    ]);
  });
});
