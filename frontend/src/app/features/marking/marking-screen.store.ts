import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { errorText } from '../../core/i18n/error-text';
import { formatKey } from '../../shared/ui/answer-key';
import {
  MarkingApiService,
  MarkingGroup,
  MarkingQuestionView,
  MarkingTask,
} from './marking-api.service';
import { KeyCommand, KeyContext } from './marking-keymap';
import { AnswerFeed } from './marking-screen.feed';
import { Shown, shownTask, withoutMember } from './marking-screen.groups';
import { QueueProgress } from './marking-screen.progress';
import { ScoreEntry } from './marking-screen.score';

/** A notice's words, looked up when shown (in the language of the moment). */
export type Said = () => string;

/** What the marking home shows after a re-mark was saved, passed in the navigation's state. */
export interface RemarkNotice {
  question: string;
  from: number;
  to: number;
}

/**
 * The marking screen's state in one place: the answer (or group) on screen, the keys applied and
 * the score typed, what is said, and the actions the keys and buttons take. One per screen (the
 * component provides it); the panes read it.
 */
@Injectable()
export class MarkingScreenStore {
  private readonly router = inject(Router);
  private readonly api = inject(MarkingApiService);
  private readonly i18n = inject(I18nService);

  /** The queue to mark from; or `taskId`: one answer I marked, to correct (回评). */
  readonly questionId = signal<string | undefined>(undefined);
  readonly taskId = signal<string | undefined>(undefined);
  readonly lastTaskId = signal<string | null>(null);
  readonly task = signal<MarkingTask | null>(null);
  /** The group on screen, in group mode (the task is then its first answer). */
  readonly group = signal<MarkingGroup | null>(null);
  readonly groupMode = signal(false);
  readonly membersOpen = signal(false);
  readonly view = signal<MarkingQuestionView | null>(null);
  readonly isDone = signal(false);
  readonly error = signal<string | null>(null);
  /** Looked up when shown, so a notice follows a change of language. */
  readonly notice = signal<Said | null>(null);
  readonly problemOpen = signal(false);

  readonly isReview = computed(() => !!this.taskId());
  private readonly currentQuestionId = computed(
    () => this.questionId() ?? this.task()?.question.id ?? null,
  );
  private readonly queue = new QueueProgress(this.api, this.currentQuestionId);
  readonly progress = this.queue.current;
  readonly nextQuestion = this.queue.next;
  private readonly feed = new AnswerFeed(
    this.api,
    () => this.questionId()!,
    () => this.groupMode(),
  );
  /** The score being given: items applied or a score typed. */
  readonly score = new ScoreEntry(this.task);
  readonly points = this.score.points;
  readonly isAllOrNothing = this.score.isAllOrNothing;

  private shownFor: string | undefined | null = null;
  private shownAt = 0;
  private isBusy = false;
  /** What the last save gave, shown once the next answer is on screen (U corrects it). */
  private savedNotice: Said | null = null;

  /** An objective question's key beside the score: the teacher decides an unread answer by it. */
  readonly keyText = computed(() => {
    const q = this.view()?.question;
    return q?.isObjective ? formatKey(q.answerKey, this.i18n.t('marking.or')) : '';
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.feed.drop());
    // `?groups=1` (the queue's "in groups" link, or a reload in group mode): start with groups on.
    this.groupMode.set(this.router.parseUrl(this.router.url).queryParams['groups'] === '1');
    const state = this.router.getCurrentNavigation()?.extras.state as
      { remark?: RemarkNotice } | undefined;
    if (state?.remark) this.notice.set(this.remarkText(state.remark));
  }

  /** The router reuses the screen from one question to the next: each question starts afresh. */
  open(questionId: string | undefined, taskId: string | undefined) {
    this.questionId.set(questionId);
    this.taskId.set(taskId);
    const id = questionId ?? taskId;
    if (id === this.shownFor) return;
    const isFirst = this.shownFor === null;
    this.shownFor = id;
    if (!isFirst) {
      this.feed.drop();
      this.task.set(null);
      this.isDone.set(false);
    }
    queueMicrotask(() => void this.advance());
  }

  /** What the keyboard map needs to know now. */
  keyContext(): KeyContext {
    const t = this.task();
    return {
      hasLastMark: !!this.lastTaskId(),
      isReview: this.isReview(),
      isDone: this.isDone(),
      hasNextQuestion: !!this.nextQuestion(),
      hasTask: !!t,
      hasGroup: !!this.group(),
      isItemRubric: t?.rubric.mode === 'items',
      typed: this.score.typed(),
    };
  }

  run(command: KeyCommand) {
    if (typeof command === 'object')
      return 'item' in command ? this.score.toggle(command.item) : this.typeDigit(command.digit);
    switch (command) {
      case 'undo':
        return this.undo();
      case 'nextQuestion':
        return this.goNext();
      case 'toggleGroups':
        return this.toggleGroups();
      case 'members':
        return this.membersOpen.update((o) => !o);
      case 'submitChosen':
        return this.submitChosen();
      case 'fullMarks':
        return this.fullMarks();
      case 'skip':
        return this.skip();
      case 'problem':
        return this.openProblem();
      case 'clear':
        return this.score.clear();
      case 'backspace':
        return this.score.backspace();
    }
  }

  /** Shows the answer fetched ahead (or leases one), then leases the one after it in the background. */
  private async advance() {
    if (this.taskId())
      return this.show(shownTask(await firstValueFrom(this.api.myTask(this.taskId()!))));
    const next = await this.feed.take(!this.task() && !this.isDone());
    this.show(next);
    if (next) this.feed.fetchAhead();
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
    this.score.start(next);
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

  private typeDigit(key: string) {
    const said = this.score.type(key, this.isReview());
    if (said === 'submit') this.submit();
    if (said === 'refused')
      this.error.set(
        this.i18n.t('marking.allOrNothing', { max: this.task()!.rubric.ceilingPoints }),
      );
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

  fullMarks() {
    if (!this.task()) return;
    this.score.chooseFullMarks();
    this.submit();
  }

  /**
   * Enter: submits what is chosen. With nothing chosen in item mode it saves nothing: a stray Enter
   * must never give an answer zero (0 does that on purpose, F full marks).
   */
  submitChosen() {
    if (this.score.isNothingChosen()) {
      this.error.set(this.i18n.t('marking.nothingChosen'));
      return;
    }
    this.submit();
  }

  private submit() {
    const t = this.task();
    const points = this.points();
    if (!t || points === null) return;
    const seconds = Math.round((performance.now() - this.shownAt) / 100) / 10;
    const fields = this.score.fields(points, seconds);
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
  undo() {
    const id = this.lastTaskId();
    if (id) void this.router.navigate(['/marking/review', id]);
  }

  goNext() {
    const n = this.nextQuestion();
    if (n) void this.router.navigate(['/marking', n.questionId]);
  }

  skip() {
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

  /** Opens the problem form (the score pane puts the focus in its reason field). */
  openProblem() {
    // A problem is one answer's: in a group it is taken out first (a group of one is that answer).
    if ((this.group()?.size ?? 1) > 1)
      return void this.notice.set(this.say('marking.groups.problemSplit'));
    this.problemOpen.set(true);
  }

  sendProblem(reason: string) {
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
  split(taskId: string) {
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
  toggleGroups() {
    if (this.isReview() || this.isBusy) return;
    const onScreen = this.task()?.leaseToken;
    const ahead = this.feed.drop();
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
