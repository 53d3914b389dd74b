import { computed, Signal, signal } from '@angular/core';
import { MarkingApiService, MarkingQuestion } from './marking-api.service';

/**
 * The marking screen's view of the teacher's queue: the current question's counts, and where to
 * go when it runs out. The counts are kept locally between answers and read again now and then,
 * and when the question runs out (to offer the next one): one request per answer would be 50 a
 * minute per teacher for the same numbers.
 */
export class QueueProgress {
  readonly queue = signal<MarkingQuestion[]>([]);
  private readAt = -Infinity;

  constructor(
    private readonly api: MarkingApiService,
    private readonly questionId: Signal<string | null>,
  ) {}

  readonly current = computed(
    () => this.queue().find((q) => q.questionId === this.questionId()) ?? null,
  );

  /** Where to go when this question runs out: the next one in my queue with answers waiting. */
  readonly next = computed(() => {
    const qs = this.queue();
    const at = qs.findIndex((q) => q.questionId === this.questionId());
    const here = qs[at];
    const after = [...qs.slice(at + 1), ...qs.slice(0, Math.max(at, 0))].filter((q) => q.forMe > 0);
    // the same paper first, then the same subject: a maths teacher stays with maths
    return (
      after.find((q) => q.paperVersionId === here?.paperVersionId) ??
      after.find((q) => q.subject === here?.subject) ??
      after[0] ??
      null
    );
  });

  /** Reads the counts again if they are 20 s old, or at once with `now` (the question ran out). */
  refresh(now = false) {
    if (!now && performance.now() - this.readAt <= 20_000) return;
    this.readAt = performance.now();
    this.api.questions().subscribe((qs) => this.queue.set(qs));
  }

  /** My reads of `n` answers of the current question are done (marked, skipped or reported). */
  countDone(isRead: boolean, n = 1) {
    const id = this.questionId();
    this.queue.update((qs) =>
      qs.map((q) =>
        q.questionId !== id
          ? q
          : {
              ...q,
              forMe: Math.max(0, q.forMe - n),
              mine: q.mine + (isRead ? n : 0),
              readsDone: q.readsDone + (isRead ? n : 0),
            },
      ),
    );
  }
}
