import { Observable, of, Subject } from 'rxjs';
import { JudgeRunProgress } from './judge-api.service';
import { judgeMeter, modelMeter, pollWhileRunning } from './live-run';
import { ModelProgress } from './runs-api.service';

describe('pollWhileRunning', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks again a second after each answer while the run runs, and stops when it does not', () => {
    const statuses = ['running', 'running', 'done'];
    let calls = 0;
    const seen: string[] = [];
    pollWhileRunning(() => of({ status: statuses[calls++] })).subscribe((r) => seen.push(r.status));
    expect(seen).toEqual(['running']);
    vi.advanceTimersByTime(999);
    expect(calls).toBe(1);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['running', 'running']);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(['running', 'running', 'done']);
    vi.advanceTimersByTime(10_000);
    expect(calls).toBe(3);
  });

  it('never sends the next request before the last one answered', () => {
    const answers: Subject<{ status: string }>[] = [];
    const load = (): Observable<{ status: string }> => {
      answers.push(new Subject());
      return answers.at(-1)!;
    };
    pollWhileRunning(load).subscribe();
    vi.advanceTimersByTime(5000);
    expect(answers.length).toBe(1);
    answers[0].next({ status: 'running' });
    answers[0].complete();
    vi.advanceTimersByTime(1000);
    expect(answers.length).toBe(2);
  });

  it('asks once for a paused run', () => {
    let calls = 0;
    pollWhileRunning(() => (calls++, of({ status: 'paused' }))).subscribe();
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(1);
  });
});

const rates = {
  total: 40,
  pending: 10,
  inFlight: 2,
  notApplicable: 1,
  cancelled: 3,
  tokensIn: 500,
  tokensOut: 90,
  cost: null,
  requestsPerSecond: 1.5,
  etaSeconds: 7,
};

describe('run meters', () => {
  it("a model's bar counts answered, failed, not applicable and cancelled as settled", () => {
    const m: ModelProgress = { ...rates, modelId: 'm', name: 'GLM', answered: 20, failed: 4 };
    const meter = modelMeter(m);
    expect(meter.done).toBe(20 + 4 + 1 + 3);
    expect(meter.counts.map((c) => [c.key, c.n, !!c.warn])).toEqual([
      ['runs.answered', 20, false],
      ['runs.inFlight', 2, false],
      ['runs.pending', 10, false],
      ['runs.failed', 4, true],
      ['runs.notApplicable', 1, false],
    ]);
    expect(meter).toMatchObject({ name: 'GLM', total: 40, pending: 10, tokensIn: 500, cost: null });
  });

  it("the judge's bar counts judged and failed calls as settled, and shows scored and failed judgements", () => {
    const r = {
      ...rates,
      judge: { id: 'j', name: 'Judge', modality: 'text', judgeOutput: 'tagged' },
      judged: 25,
      callsFailed: 2,
      scored: 22,
      failedJudgements: 3,
    } as unknown as JudgeRunProgress;
    const meter = judgeMeter(r);
    expect(meter.done).toBe(25 + 2 + 1 + 3);
    expect(meter.counts.map((c) => [c.key, c.n, !!c.warn])).toEqual([
      ['judge.run.scored', 22, false],
      ['judge.run.failedJudgements', 3, true],
      ['runs.inFlight', 2, false],
      ['runs.pending', 10, false],
      ['runs.notApplicable', 1, false],
    ]);
    expect(meter.name).toBe('Judge');
  });
});
