import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { errorText } from '../../core/i18n/error-text';
import { TPipe } from '../../core/i18n/t.pipe';
import { formatKey } from '../../shared/ui/answer-key';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import {
  MarkingApiService,
  MarkingGroup,
  MarkingQuestionView,
  MarkingTask,
} from './marking-api.service';
import { fullMarksItems, isCompleteScore, itemPoints, toggleItem } from './marking-keys';
import { Shown, shownGroup, shownTask, withoutMember } from './marking-screen.groups';
import { QueueProgress } from './marking-screen.progress';
import { QuestionPaneComponent } from './question-pane.component';

/** A notice's words, looked up when shown (in the language of the moment). */
type Said = () => string;

/** What the marking home shows after a re-mark was saved, passed in the navigation's state. */
export interface RemarkNotice {
  question: string;
  from: number;
  to: number;
}

/**
 * The marking screen, keyboard first: a digit that completes a score submits it, number keys apply
 * rubric items and Enter submits, F gives full marks, S skips, P reports a problem, U corrects the
 * last mark, N opens the next question. The next answer is leased and loaded while the teacher
 * reads the current one, so it appears at once. Question, answer and rubric each scroll on their own.
 * G marks identical short answers in groups (one read, one mark per answer; E lists them, each can
 * be taken out to mark alone), with the same keys; `?groups=1` opens in that mode.
 */
@Component({
  selector: 'yj-marking-screen',
  imports: [RouterLink, MatButtonModule, TPipe, RichTextComponent, QuestionPaneComponent],
  host: { '(document:keydown)': 'onKey($event)' },
  templateUrl: './marking-screen.component.html',
  styleUrl: './marking-screen.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkingScreenComponent {
  /** The queue to mark from; or `taskId`: one answer I marked, to correct (回评). */
  readonly questionId = input<string>();
  readonly taskId = input<string>();
  private readonly router = inject(Router);
  private readonly api = inject(MarkingApiService);
  private readonly i18n = inject(I18nService);
  protected readonly lastTaskId = signal<string | null>(null);
  protected readonly task = signal<MarkingTask | null>(null);
  /** The group on screen, in group mode (the task is then its first answer). */
  protected readonly group = signal<MarkingGroup | null>(null);
  protected readonly groupMode = signal(false);
  protected readonly membersOpen = signal(false);
  protected readonly view = signal<MarkingQuestionView | null>(null);
  protected readonly applied = signal<string[]>([]);
  protected readonly typed = signal('');
  protected readonly isDone = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Looked up when shown, so a notice follows a change of language. */
  protected readonly notice = signal<Said | null>(null);
  protected readonly problemOpen = signal(false);
  private readonly reason = viewChild<ElementRef<HTMLInputElement>>('reason');
  private prefetched: Promise<Shown | null> | null = null;
  private shownAt = 0;
  private isBusy = false;
  /** The typed score is my previous one, shown on a re-mark: the first digit typed replaces it. */
  private isPrefilled = false;
  /** What the last save gave, shown once the next answer is on screen (U corrects it). */
  private savedNotice: Said | null = null;

  protected readonly isReview = computed(() => !!this.taskId());
  private readonly currentQuestionId = computed(
    () => this.questionId() ?? this.task()?.question.id ?? null,
  );
  private readonly queue = new QueueProgress(this.api, this.currentQuestionId);
  protected readonly progress = this.queue.current;
  protected readonly nextQuestion = this.queue.next;

  /** An objective question's key beside the score: the teacher decides an unread answer by it. */
  protected readonly keyText = computed(() => {
    const q = this.view()?.question;
    return q?.isObjective ? formatKey(q.answerKey, this.i18n.t('marking.or')) : '';
  });

  /** The points the current keys give, by the same rule as the server (clamped items, or the typed score). */
  protected readonly points = computed(() => {
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

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.prefetched = null));
    // `?groups=1` (the queue's "in groups" link, or a reload in group mode): start with groups on.
    this.groupMode.set(this.router.parseUrl(this.router.url).queryParams['groups'] === '1');
    const state = this.router.getCurrentNavigation()?.extras.state as
      { remark?: RemarkNotice } | undefined;
    if (state?.remark) this.notice.set(this.remarkText(state.remark));
    // The router reuses this screen from one question to the next: each question starts afresh.
    let shownFor: string | undefined | null = null;
    effect(() => {
      const id = this.questionId() ?? this.taskId();
      if (id === shownFor) return;
      const isFirst = shownFor === null;
      shownFor = id;
      if (!isFirst) {
        this.prefetched = null;
        this.task.set(null);
        this.isDone.set(false);
      }
      queueMicrotask(() => void this.advance());
    });
  }

  /**
   * `resume`: the first answer after opening (or reloading) the page is the one already leased to
   * me, if any. In group mode, the next group; when none is left, the rest one by one.
   */
  private async lease(resume = false): Promise<Shown | null> {
    if (this.groupMode()) {
      const g = await firstValueFrom(this.api.nextGroup(this.questionId()!, resume));
      if (!('done' in g)) return shownGroup(g);
      // the mode turns off when this answer is shown (it may be fetched ahead of the last group)
      const r = await firstValueFrom(this.api.next(this.questionId()!, resume));
      return 'done' in r ? null : { ...shownTask(r), note: 'marking.groups.none' };
    }
    const r = await firstValueFrom(this.api.next(this.questionId()!, resume));
    return 'done' in r ? null : shownTask(r);
  }

  /** Shows the prefetched answer (or leases one), then leases the one after it in the background. */
  private async advance() {
    if (this.taskId())
      return this.show(shownTask(await firstValueFrom(this.api.myTask(this.taskId()!))));
    const next = await (this.prefetched ?? this.lease(!this.task() && !this.isDone()));
    this.prefetched = null;
    this.show(next);
    if (next) this.prefetched = this.lease().catch(() => null);
  }

  private show(shown: Shown | null) {
    const next = shown?.task ?? null;
    this.task.set(next);
    this.group.set(shown?.group ?? null);
    this.membersOpen.set(false);
    if (shown?.note) {
      this.groupMode.set(false);
      const note = this.say(shown.note);
      const saved = this.savedNotice;
      if (saved) this.savedNotice = () => `${saved()} · ${note()}`;
      else this.notice.set(note);
    }
    const prev = next?.previous;
    // A re-mark opens with my previous mark applied: items where I applied items, else my score.
    const byItems = !!prev && prev.appliedItems.length > 0 && next!.rubric.mode === 'items';
    this.applied.set(byItems ? prev.appliedItems : []);
    this.typed.set(prev && !byItems ? String(prev.points) : '');
    this.isPrefilled = !!prev && !byItems;
    this.problemOpen.set(false);
    this.isDone.set(!next);
    this.shownAt = performance.now();
    const questionId = this.currentQuestionId();
    if (questionId && this.view()?.question.id !== questionId)
      this.api.view(questionId).then(
        (v) => this.view.set(v),
        () => this.view.set(null),
      );
    this.queue.refresh(!next);
  }

  protected toggle(index: number) {
    const t = this.task();
    const item = t?.rubric.items[index];
    if (!t || !item) return;
    this.typed.set('');
    this.applied.update((a) => toggleItem(t.rubric, a, item.id));
  }

  protected onKey(e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // A focused button or link answers Enter and Space itself.
    if ((e.key === 'Enter' || e.key === ' ') && /^(BUTTON|A|SUMMARY)$/.test(target.tagName)) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    // Undo works even when the queue has run out behind the last mark.
    if (key === 'u' && this.lastTaskId() && !this.isReview()) return void this.undo();
    if (key === 'n' && this.isDone() && this.nextQuestion()) return void this.goNext();
    if (key === 'g' && !this.isReview()) return void this.toggleGroups();
    const t = this.task();
    if (!t) return;
    if (key === 'e' && this.group()) return void this.membersOpen.update((o) => !o);
    if (key === 'Enter') return void (e.preventDefault(), this.submitChosen());
    if (key === 'f') return void this.fullMarks();
    // Skipping and problem reports belong to the queue, not to correcting one's own mark.
    if (!this.isReview() && key === 's') return void this.skip();
    if (!this.isReview() && key === 'p') return void (e.preventDefault(), this.openProblem());
    if (key === 'Escape') return void (this.typed.set(''), this.applied.set([]));
    if (key === 'Backspace') return void this.typed.update((s) => s.slice(0, -1));
    if (t.rubric.mode === 'items' && /^[1-9]$/.test(key) && this.typed() === '')
      return this.toggle(Number(key) - 1);
    if (/^[0-9.]$/.test(key)) {
      this.applied.set([]);
      if (this.isPrefilled) this.typed.set('');
      this.isPrefilled = false;
      this.typed.update((s) => s + key);
      // An unread single choice or true/false answer is right or wrong: 0 or full marks only.
      if (this.isAllOrNothing()) return this.typedAllOrNothing(t.rubric.ceilingPoints);
      // A digit that completes the score submits it: one key press per answer (in item mode the
      // digits apply items, so only 0 and halves are typed: 0 is zero marks at once).
      if (
        !this.isReview() &&
        isCompleteScore(this.typed(), t.rubric.floorPoints, t.rubric.ceilingPoints)
      )
        this.submit();
    }
  }

  private async act(call: () => Promise<unknown>, advance = true) {
    if (this.isBusy) return;
    this.isBusy = true;
    this.error.set(null);
    this.notice.set(null);
    try {
      await call();
      if (advance) await this.advance();
      if (this.savedNotice) this.notice.set(this.savedNotice);
      this.savedNotice = null;
    } catch (e) {
      this.error.set(errorText(this.i18n, e));
      // A lost lease cannot be saved: move on to the next answer.
      if (e instanceof HttpErrorResponse && e.status === 409 && !this.isReview())
        await this.advance();
    } finally {
      this.isBusy = false;
    }
  }

  protected fullMarks() {
    const t = this.task();
    if (!t) return;
    if (t.rubric.mode === 'items') {
      this.typed.set('');
      this.applied.set(fullMarksItems(t.rubric));
    } else {
      this.applied.set([]);
      this.typed.set(String(t.rubric.ceilingPoints));
    }
    this.submit();
  }

  protected readonly isAllOrNothing = computed(() =>
    ['single_choice', 'true_false'].includes(this.task()?.question.type ?? ''),
  );

  private typedAllOrNothing(max: number) {
    const typed = this.typed();
    if (this.isReview()) return;
    if (typed === '0' || typed === String(max)) return this.submit();
    if (String(max).startsWith(typed)) return;
    this.typed.set('');
    this.error.set(this.i18n.t('marking.allOrNothing', { max }));
  }

  /**
   * Enter: submits what is chosen. With nothing chosen in item mode it saves nothing: a stray Enter
   * must never give an answer zero (0 does that on purpose, F full marks).
   */
  protected submitChosen() {
    const t = this.task();
    if (t?.rubric.mode === 'items' && !this.applied().length && this.typed() === '') {
      this.error.set(this.i18n.t('marking.nothingChosen'));
      return;
    }
    this.submit();
  }

  protected submit() {
    const t = this.task();
    const points = this.points();
    if (!t || points === null) return;
    const seconds = Math.round((performance.now() - this.shownAt) / 100) / 10;
    const fields =
      this.typed() !== ''
        ? { score: points, secondsSpent: seconds }
        : { appliedItems: this.applied(), secondsSpent: seconds };
    if (this.isReview()) {
      const remark: RemarkNotice = {
        question: t.question.number,
        from: t.previous?.points ?? points,
        to: points,
      };
      void this.act(async () => {
        await firstValueFrom(this.api.review(t.taskId, fields));
        await this.router.navigate(['/marking', t.question.id], { state: { remark } });
      }, false);
      return;
    }
    const g = this.group();
    if (g) return void this.submitGroup(g, points, fields);
    void this.act(async () => {
      await firstValueFrom(this.api.submit(t.taskId, { leaseToken: t.leaseToken, ...fields }));
      this.lastTaskId.set(t.taskId);
      this.queue.countDone(true);
      this.savedNotice = this.say('marking.saved', { n: points });
    });
  }

  /** Undo the last mark: open it again to correct it (the correction is appended as a review). */
  protected undo() {
    const id = this.lastTaskId();
    if (id) void this.router.navigate(['/marking/review', id]);
  }

  protected goNext() {
    const n = this.nextQuestion();
    if (n) void this.router.navigate(['/marking', n.questionId]);
  }

  protected skip() {
    const t = this.task();
    const g = this.group();
    if (g && g.size > 1)
      return void this.act(async () => {
        await firstValueFrom(this.api.skipGroup(g.leaseToken));
        this.queue.countDone(false, g.size);
      });
    if (t)
      void this.act(async () => {
        await firstValueFrom(this.api.skip(t.taskId, t.leaseToken));
        this.queue.countDone(false);
      });
  }

  protected openProblem() {
    // A problem is one answer's: in a group it is taken out first (a group of one is that answer).
    if ((this.group()?.size ?? 1) > 1)
      return void this.notice.set(this.say('marking.groups.problemSplit'));
    this.problemOpen.set(true);
    // The reason field is rendered by this change; focus it once it exists.
    setTimeout(() => this.reason()?.nativeElement.focus());
  }

  protected sendProblem(reason: string) {
    const t = this.task();
    if (t && reason.trim().length >= 2)
      void this.act(async () => {
        await firstValueFrom(this.api.problem(t.taskId, t.leaseToken, reason.trim()));
        this.queue.countDone(false);
      });
  }

  /** One read of the whole group: one mark per answer it shows now (after any split). */
  private submitGroup(g: MarkingGroup, points: number, fields: object) {
    void this.act(async () => {
      const taskIds = g.members.map((m) => m.taskId);
      await firstValueFrom(this.api.submitGroup({ leaseToken: g.leaseToken, taskIds, ...fields }));
      // U corrects one answer; a group's marks are corrected one by one from the history.
      this.lastTaskId.set(taskIds.length === 1 ? taskIds[0] : null);
      this.queue.countDone(true, taskIds.length);
      this.savedNotice = this.say('marking.groups.saved', { n: taskIds.length, points });
    });
  }

  /** Takes an answer out of the group: it goes back to the one-by-one queue. */
  protected split(taskId: string) {
    const g = this.group();
    if (!g) return;
    void this.act(async () => {
      await firstValueFrom(this.api.splitGroup(g.leaseToken, taskId));
      const rest = withoutMember(g, taskId);
      this.group.set(rest);
      this.notice.set(this.say('marking.groups.splitDone'));
      if (rest.size === 0) await this.advance();
    }, false);
  }

  /**
   * G: groups on or off. What is on screen and what was fetched ahead are given back (nothing
   * recorded), so they wait for nobody, and the next answer comes in the new mode.
   */
  protected toggleGroups() {
    if (this.isReview() || this.isBusy) return;
    const onScreen = this.task()?.leaseToken;
    const ahead = this.prefetched;
    this.prefetched = null;
    this.groupMode.update((on) => !on);
    void this.router.navigate([], {
      queryParams: { groups: this.groupMode() ? 1 : null },
      replaceUrl: true,
    });
    void this.act(async () => {
      const fetched = await ahead;
      for (const token of [onScreen, fetched?.task.leaseToken])
        if (token) await firstValueFrom(this.api.releaseLease(token)).catch(() => null);
      this.task.set(null);
      await this.advance();
    }, false);
  }

  private remarkText(r: RemarkNotice): Said {
    return r.from === r.to
      ? this.say('marking.remarkSame', { q: r.question, n: r.to })
      : this.say('marking.remarkSaved', { q: r.question, from: r.from, to: r.to });
  }

  private say(key: string, params: Record<string, string | number> = {}): Said {
    return () => this.i18n.t(key, params);
  }
}
