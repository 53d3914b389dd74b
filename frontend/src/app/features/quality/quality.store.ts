import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, linkedSignal, signal, Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { errorText } from '../../core/i18n/error-text';
import { I18nService } from '../../core/i18n/i18n.service';
import { latestValue } from '../../shared/data/latest-value';
import {
  Judge,
  JudgeQualityApiService,
  JudgeQuestionDetail,
  JudgeQuestionRow,
  Thresholds,
  ValidationSample,
} from './judge-quality-api.service';
import {
  MonitorQuestion,
  QualityApiService,
  QuestionMonitor,
  SettledAnswer,
} from './quality-api.service';

/**
 * The markers' monitor from one place: the questions, the one picked (at first the question with
 * the most marking done: that is where there is something to watch), its teachers' figures and its
 * settled answers, loaded again after one becomes a calibration item.
 */
export function monitorStore() {
  const api = inject(QualityApiService);
  const questions = latestValue<MonitorQuestion[] | undefined>(
    rxResource({ stream: () => api.questions() }),
    undefined,
  );
  const questionId = linkedSignal<MonitorQuestion[] | undefined, string>({
    source: questions,
    computation: (qs, previous) =>
      previous?.value || ([...(qs ?? [])].sort((a, b) => b.done - a.done)[0]?.questionId ?? ''),
  });
  const monitor = rxResource({
    params: () => questionId() || undefined,
    stream: ({ params }) => api.monitor(params),
  });
  const answers = rxResource({
    params: () => questionId() || undefined,
    stream: ({ params }) => api.answers(params),
  });
  const error = signal('');
  return {
    questions,
    questionId,
    monitor: latestValue<QuestionMonitor | null>(monitor, null),
    answers: latestValue<SettledAnswer[]>(answers, []),
    error: error.asReadonly(),
    calibrate(a: SettledAnswer, value: string) {
      error.set('');
      if (value.trim() === '') return error.set('expert score?');
      api.makeCalibration(a.taskId, Number(value)).subscribe({
        next: () => answers.reload(),
        error: (e: HttpErrorResponse) => error.set(e.error?.message ?? e.message),
      });
    },
  };
}

const keyOf = (j: Judge) => `${j.judgeModelId}|${j.templateVersion}`;

/**
 * The judge-quality page from one place: the judges (the first picked), the picked judge's
 * questions with the thresholds, the open question's detail and (for researchers and admins) its
 * validation samples, drawn again after a new sample. Messages clear when another question opens.
 */
export function judgeQualityStore(canSample: Signal<boolean>) {
  const api = inject(JudgeQualityApiService);
  const i18n = inject(I18nService);
  const judges = latestValue<Judge[] | undefined>(
    rxResource({ stream: () => api.judges() }),
    undefined,
  );
  const judgeKey = linkedSignal<Judge[] | undefined, string>({
    source: judges,
    computation: (js, previous) => previous?.value || (js?.[0] ? keyOf(js[0]) : ''),
  });
  const judge = computed(() => (judges() ?? []).find((j) => keyOf(j) === judgeKey()) ?? null);

  const list = latestValue<{ thresholds: Thresholds; questions: JudgeQuestionRow[] } | null>(
    rxResource({
      params: () => judge() ?? undefined,
      stream: ({ params }) => api.questions(params),
    }),
    null,
  );
  const rows = computed(() => list()?.questions ?? []);
  // The open question stays open while it is in the judge's list; otherwise the first one opens.
  const questionId = linkedSignal<JudgeQuestionRow[], string>({
    source: rows,
    computation: (qs, previous) =>
      list() === null || qs.some((q) => q.questionId === previous?.value)
        ? (previous?.value ?? '')
        : (qs[0]?.questionId ?? ''),
  });

  const opened = computed(
    () => {
      const j = judge();
      const id = questionId();
      return j && id ? { j, id } : undefined;
    },
    { equal: (a, b) => a?.j === b?.j && a?.id === b?.id },
  );
  const detail = latestValue<JudgeQuestionDetail | null>(
    rxResource({ params: opened, stream: ({ params }) => api.question(params.j, params.id) }),
    null,
  );
  const samples = rxResource({
    params: () => (canSample() ? opened() : undefined),
    stream: ({ params }) => api.samples(params.id),
  });
  const message = linkedSignal(() => (opened(), ''));
  const error = linkedSignal(() => (opened(), ''));

  return {
    judges,
    judgeKey,
    judge,
    keyOf,
    rows,
    thresholds: computed(() => list()?.thresholds ?? null),
    questionId,
    /** Null while no question is open (the last detail stays while the next one loads). */
    detail: computed(() => (opened() ? detail() : null)),
    samples: latestValue<ValidationSample[]>(samples, []),
    message: message.asReadonly(),
    error: error.asReadonly(),
    requestSample(questionId: string, perStratum: number, seed?: number) {
      message.set('');
      error.set('');
      api.requestSample(questionId, perStratum, seed).subscribe({
        next: (s) => {
          message.set(i18n.t('judgeq.sample.done', { n: s.taskCount, seed: s.seed }));
          samples.reload();
        },
        error: (e) => error.set(errorText(i18n, e)),
      });
    },
    startRun(j: Judge, questionId: string) {
      message.set('');
      error.set('');
      api.startJudgeRun(j.judgeModelId, questionId).subscribe({
        next: () => message.set(i18n.t('judgeq.sample.runStarted')),
        error: (e) => error.set(errorText(i18n, e)),
      });
    },
  };
}
