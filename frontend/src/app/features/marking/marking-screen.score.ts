import { computed, Signal, signal } from '@angular/core';
import type { MarkingTask } from './marking-api.service';
import { fullMarksItems, isCompleteScore, itemPoints, toggleItem } from './marking-keys';

/**
 * The score being given to the answer on screen: rubric items applied, or a score typed, and the
 * points they make by the server's rule. Says when a typed score is complete (one key press per
 * answer) or refused (a part score for a right-or-wrong question); the store submits.
 */
export class ScoreEntry {
  readonly applied = signal<string[]>([]);
  readonly typed = signal('');
  /** The typed score is my previous one, shown on a re-mark: the first digit typed replaces it. */
  private isPrefilled = false;

  constructor(private readonly task: Signal<MarkingTask | null>) {}

  /** The points the current keys give, by the same rule as the server (clamped items, or the typed score). */
  readonly points = computed(() => {
    const t = this.task();
    if (!t) return null;
    const r = t.rubric;
    if (this.typed() !== '') {
      const v = Number(this.typed());
      return /^\d+(\.\d+)?$/.test(this.typed()) && v >= r.floorPoints && v <= r.ceilingPoints
        ? v
        : null;
    }
    if (r.mode === 'score') return null;
    return itemPoints(r, this.applied());
  });

  /** An unread single choice or true/false answer is right or wrong: 0 or full marks only. */
  readonly isAllOrNothing = computed(() =>
    ['single_choice', 'true_false'].includes(this.task()?.question.type ?? ''),
  );

  /** A new answer on screen: a re-mark opens with my previous mark, items where I applied items, else my score. */
  start(next: MarkingTask | null) {
    const prev = next?.previous;
    const byItems = !!prev && prev.appliedItems.length > 0 && next!.rubric.mode === 'items';
    this.applied.set(byItems ? prev.appliedItems : []);
    this.typed.set(prev && !byItems ? String(prev.points) : '');
    this.isPrefilled = !!prev && !byItems;
  }

  toggle(index: number) {
    const t = this.task();
    const item = t?.rubric.items[index];
    if (!t || !item) return;
    this.typed.set('');
    this.applied.update((a) => toggleItem(t.rubric, a, item.id));
  }

  clear() {
    this.typed.set('');
    this.applied.set([]);
  }

  backspace() {
    this.typed.update((s) => s.slice(0, -1));
  }

  /**
   * A digit (or the point) typed. 'submit': the score is complete and is to be saved (never while
   * correcting a mark, where Enter confirms); 'refused': a part score for a right-or-wrong question.
   */
  type(key: string, isReview: boolean): 'submit' | 'refused' | null {
    const t = this.task();
    if (!t) return null;
    this.applied.set([]);
    if (this.isPrefilled) this.typed.set('');
    this.isPrefilled = false;
    this.typed.update((s) => s + key);
    const typed = this.typed();
    const max = t.rubric.ceilingPoints;
    if (this.isAllOrNothing()) {
      if (isReview) return null;
      if (typed === '0' || typed === String(max)) return 'submit';
      if (String(max).startsWith(typed)) return null;
      this.typed.set('');
      return 'refused';
    }
    // In item mode the digits apply items, so only 0 and halves are typed: 0 is zero marks at once.
    return !isReview && isCompleteScore(typed, t.rubric.floorPoints, max) ? 'submit' : null;
  }

  /** F: every item that gives full marks, or the ceiling typed. */
  chooseFullMarks() {
    const t = this.task();
    if (!t) return;
    if (t.rubric.mode === 'items') {
      this.typed.set('');
      this.applied.set(fullMarksItems(t.rubric));
    } else {
      this.applied.set([]);
      this.typed.set(String(t.rubric.ceilingPoints));
    }
  }

  /** Nothing chosen in item mode: a stray Enter must never give an answer zero. */
  isNothingChosen(): boolean {
    return this.task()?.rubric.mode === 'items' && !this.applied().length && this.typed() === '';
  }

  /** The mark's fields as the server takes them. */
  fields(points: number, secondsSpent: number) {
    return this.typed() !== ''
      ? { score: points, secondsSpent }
      : { appliedItems: this.applied(), secondsSpent };
  }
}
