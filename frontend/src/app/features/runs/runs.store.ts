import { computed, inject, linkedSignal, signal, Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { latestValue } from '../../shared/data/latest-value';
import {
  JudgeApiService,
  JudgedQuestion,
  Judgement,
  JudgeRunProgress,
  JudgeVisibility,
} from './judge-api.service';
import { judgeMeter, modelMeter, pollWhileRunning, RunAction } from './live-run';
import { RunAnswer, RunProgress, RunsApiService } from './runs-api.service';

/**
 * The run page's state from one place: the run of the route's id, polled while it runs and loaded
 * again after pause, resume or cancel. Call in a component's injection context.
 */
export function runProgressStore(id: Signal<string>) {
  const api = inject(RunsApiService);
  const progress = rxResource({
    params: () => id(),
    stream: ({ params }) => pollWhileRunning(() => api.run(params)),
  });
  const run = latestValue<RunProgress | null>(progress, null);
  return {
    run,
    meters: computed(() => run()?.models.map(modelMeter) ?? []),
    /** Counts the progress updates, so the answers below reload with the progress. */
    version: linkedSignal<RunProgress | null, number>({
      source: run,
      computation: (_, previous) => (previous ? previous.value + 1 : 0),
    }),
    act(action: RunAction) {
      api.setStatus(id(), action).subscribe(() => progress.reload());
    },
  };
}

/**
 * The judge run page's state: the run, polled while it runs; its failed judgements, loaded again
 * only when their count moves; its questions with their visibility. Call in an injection context.
 */
export function judgeRunStore(id: Signal<string>) {
  const api = inject(JudgeApiService);
  const runs = inject(RunsApiService);
  const progress = rxResource({
    params: () => id(),
    stream: ({ params }) => pollWhileRunning(() => api.run(params)),
  });
  const run = latestValue<JudgeRunProgress | null>(progress, null);

  const failedOf = computed(
    () => {
      const r = run();
      return r ? { id: r.id, n: r.failedJudgements } : undefined;
    },
    { equal: (a, b) => a?.id === b?.id && a?.n === b?.n },
  );
  const failed = rxResource({
    params: failedOf,
    stream: ({ params }) => api.judgements(params.id, 'failed'),
  });

  // Loaded each time the run is seen settled (a request per poll would be wasted while it runs),
  // and after every visibility change, running or not.
  const visibilityChanges = signal(0);
  const questionsOf = computed(
    () => {
      const r = run();
      const changes = visibilityChanges();
      if (!r || (r.status === 'running' && !changes)) return undefined;
      return { id: r.id, seen: r.status === 'running' ? null : r, changes };
    },
    { equal: (a, b) => a?.id === b?.id && a?.seen === b?.seen && a?.changes === b?.changes },
  );
  const questions = rxResource({
    params: questionsOf,
    stream: ({ params }) => api.questions(params.id),
  });

  return {
    run,
    meter: computed(() => {
      const r = run();
      return r ? judgeMeter(r) : null;
    }),
    failed: latestValue<Judgement[]>(failed, []),
    questions: latestValue<JudgedQuestion[]>(questions, []),
    act(action: RunAction) {
      runs.setStatus(id(), action).subscribe(() => progress.reload());
    },
    setVisibility(q: JudgedQuestion, visibility: JudgeVisibility) {
      api
        .setVisibility(q.questionId, visibility)
        .subscribe(() => visibilityChanges.update((n) => n + 1));
    },
  };
}

export type AnswerFilter = 'all' | 'unparsed' | 'changed';

/**
 * A run's answers under a filter, loaded again when the filter changes, when the run page's
 * progress moves (`version`) and after a re-grade; the last list stays on screen meanwhile.
 */
export function runAnswersStore(runId: Signal<string>, version: Signal<number>) {
  const api = inject(RunsApiService);
  const filter = signal<AnswerFilter>('all');
  const regraded = signal<{ checked: number; changed: number } | null>(null);
  const answers = rxResource({
    params: () => ({ runId: runId(), filter: filter(), version: version(), regraded: regraded() }),
    stream: ({ params: p }) => api.answers(p.runId, p.filter === 'all' ? undefined : p.filter),
  });
  return {
    filter,
    answers: latestValue<RunAnswer[]>(answers, []),
    regraded: regraded.asReadonly(),
    /** Re-grades this run's stored answers with the current keys and grader; no model is called. */
    regrade() {
      api
        .regrade(runId())
        .subscribe((r) => regraded.set({ checked: r.checked, changed: r.changes.length }));
    },
  };
}
