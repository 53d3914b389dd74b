import { EMPTY, expand, Observable, switchMap, timer } from 'rxjs';
import { JudgeRunProgress } from './judge-api.service';
import { ModelProgress } from './runs-api.service';

/**
 * A run's progress as a stream: loaded once, then again a second after each answer while the run
 * is running (a paused, cancelled or finished run is final until someone acts on it). The next
 * request waits for the last answer, so a slow server is never asked twice at once.
 */
export function pollWhileRunning<T extends { status: string }>(
  load: () => Observable<T>,
  everyMs = 1000,
): Observable<T> {
  return load().pipe(
    expand((r) => (r.status === 'running' ? timer(everyMs).pipe(switchMap(load)) : EMPTY)),
  );
}

export type RunAction = 'pause' | 'resume' | 'cancel';

/** One line of counts under a progress bar: a catalogue key and its number (in red when `warn` and not 0). */
export interface MeterCount {
  key: string;
  n: number;
  warn?: boolean;
}

/** What a progress bar shows: how far, what is left, how fast and at what cost. */
export interface RunMeter {
  name: string;
  /** Settled (answered or judged, failed, not applicable, cancelled) out of `total`. */
  done: number;
  total: number;
  pending: number;
  counts: MeterCount[];
  requestsPerSecond: number;
  etaSeconds: number | null;
  tokensIn: number;
  tokensOut: number;
  cost: number | null;
}

/** A model's bar on an answer run. */
export function modelMeter(m: ModelProgress): RunMeter {
  return {
    ...rates(m),
    name: m.name,
    done: m.answered + m.failed + m.notApplicable + m.cancelled,
    counts: [
      { key: 'runs.answered', n: m.answered },
      { key: 'runs.inFlight', n: m.inFlight },
      { key: 'runs.pending', n: m.pending },
      { key: 'runs.failed', n: m.failed, warn: true },
      { key: 'runs.notApplicable', n: m.notApplicable },
    ],
  };
}

/** The judge's bar on a judge run: calls that failed count as settled, judgements that failed as read. */
export function judgeMeter(r: JudgeRunProgress): RunMeter {
  return {
    ...rates(r),
    name: r.judge.name,
    done: r.judged + r.callsFailed + r.notApplicable + r.cancelled,
    counts: [
      { key: 'judge.run.scored', n: r.scored },
      { key: 'judge.run.failedJudgements', n: r.failedJudgements, warn: true },
      { key: 'runs.inFlight', n: r.inFlight },
      { key: 'runs.pending', n: r.pending },
      { key: 'runs.notApplicable', n: r.notApplicable },
    ],
  };
}

function rates(p: ModelProgress | JudgeRunProgress) {
  const { total, pending, requestsPerSecond, etaSeconds, tokensIn, tokensOut, cost } = p;
  return { total, pending, requestsPerSecond, etaSeconds, tokensIn, tokensOut, cost };
}
