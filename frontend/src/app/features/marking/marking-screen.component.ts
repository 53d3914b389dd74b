import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { MarkingApiService, MarkingQuestion, MarkingTask } from './marking-api.service';

/**
 * The marking screen, keyboard first: number keys apply rubric items (or type the score), Enter
 * submits, S skips, P reports a problem. The next answer is leased and loaded while the teacher
 * reads the current one, so it appears at once.
 */
@Component({
  selector: 'yj-marking-screen',
  imports: [RouterLink, MatButtonModule, TPipe, RichTextComponent],
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <div class="top">
      <a routerLink="/marking">← {{ 'marking.title' | t }}</a>
      @if (progress(); as p) {
        <span class="progress" role="status" aria-label="progress">
          {{ 'marking.done' | t }} {{ p.done }}/{{ p.total }} · {{ 'marking.forMe' | t }}
          {{ p.forMe }} · {{ 'marking.mine' | t }} {{ p.mine }}
        </span>
      }
    </div>
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    }
    @if (task(); as t) {
      <div class="grid">
        <section class="left" aria-label="question">
          <h2>
            {{ 'marking.question' | t }} {{ t.question.number }} · {{ t.question.points }}
            {{ 'marking.points' | t }}
          </h2>
          <yj-rich-text [text]="t.question.stem" />
          @if (t.question.referenceAnswer) {
            <h3>{{ 'marking.reference' | t }}</h3>
            <yj-rich-text class="ref" [text]="t.question.referenceAnswer" />
          }
        </section>
        <section class="right" aria-label="answer">
          <h2>{{ 'marking.answer' | t }}</h2>
          <div class="answer"><yj-rich-text [text]="t.answer.text" [isAnswer]="true" /></div>
          <div class="bar">
            <span class="score" aria-label="points"
              >{{ points() ?? '—' }} / {{ t.rubric.ceilingPoints }}</span
            >
            <button mat-flat-button (click)="submit()" [disabled]="points() === null">
              {{ 'marking.submit' | t }} <kbd>Enter</kbd>
            </button>
            @if (!taskId()) {
              <button mat-stroked-button (click)="skip()">
                {{ 'marking.skip' | t }} <kbd>S</kbd>
              </button>
              <button mat-button (click)="problemOpen.set(true)">
                {{ 'marking.problem' | t }} <kbd>P</kbd>
              </button>
            } @else {
              <span class="hint">{{ 'marking.reviewing' | t }}</span>
            }
            @if (lastTaskId()) {
              <button mat-button (click)="undo()">{{ 'marking.undo' | t }} <kbd>U</kbd></button>
            }
          </div>
          @if (problemOpen()) {
            <form class="problem" (submit)="$event.preventDefault(); sendProblem(reason.value)">
              <input
                #reason
                [attr.aria-label]="'marking.problemReason' | t"
                [placeholder]="'marking.problemReason' | t"
                autofocus
              />
              <button mat-stroked-button type="submit">{{ 'marking.send' | t }}</button>
            </form>
          }
          <div class="rubric">
            <h3 class="rubric-title">{{ 'marking.rubric' | t }}</h3>
            @if (t.rubric.mode === 'items') {
              <ol class="items">
                @for (item of t.rubric.items; track item.id; let i = $index) {
                  <li [class.on]="applied().includes(item.id)" (click)="toggle(i)">
                    <kbd>{{ i + 1 }}</kbd>
                    <span class="pts">{{ item.points > 0 ? '+' : '' }}{{ item.points }}</span>
                    <yj-rich-text class="desc" [text]="item.description" />
                  </li>
                }
              </ol>
            } @else {
              <p class="hint">{{ 'marking.typeScore' | t: { max: t.rubric.ceilingPoints } }}</p>
            }
            @if (t.rubric.graderNotes) {
              <yj-rich-text class="notes" [text]="t.rubric.graderNotes" />
            }
            @if (t.samples.length) {
              <details class="samples">
                <summary>{{ 'marking.samples' | t: { n: t.samples.length } }}</summary>
                @for (s of t.samples; track $index) {
                  <div class="sample">
                    <b>{{ 'marking.sampleScore' | t: { n: s.score } }}</b>
                    <yj-rich-text [text]="s.answer" />
                  </div>
                }
              </details>
            }
          </div>
        </section>
      </div>
    } @else if (isDone()) {
      <p class="done" role="status">{{ 'marking.allDone' | t }}</p>
      @if (lastTaskId()) {
        <button mat-button (click)="undo()">{{ 'marking.undo' | t }} <kbd>U</kbd></button>
      }
    }
  `,
  styleUrl: './marking-screen.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkingScreenComponent {
  /** The queue to mark from; or `taskId`: one answer I marked, to correct (回评). */
  readonly questionId = input<string>();
  readonly taskId = input<string>();
  private readonly router = inject(Router);
  protected readonly lastTaskId = signal<string | null>(null);
  private readonly api = inject(MarkingApiService);
  protected readonly task = signal<MarkingTask | null>(null);
  protected readonly applied = signal<string[]>([]);
  protected readonly typed = signal('');
  protected readonly isDone = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly progress = signal<MarkingQuestion | null>(null);
  protected readonly problemOpen = signal(false);
  private prefetched: Promise<MarkingTask | null> | null = null;
  private shownAt = 0;
  private isBusy = false;

  /** The points the current keys give, by the same rule as the server (clamped items, or the typed score). */
  protected readonly points = computed(() => {
    const t = this.task();
    if (!t) return null;
    const r = t.rubric;
    if (this.typed() !== '') {
      const v = Number(this.typed());
      return Number.isFinite(v) && v >= r.floorPoints && v <= r.ceilingPoints ? v : null;
    }
    if (r.mode === 'score') return null;
    const sum = this.applied().reduce(
      (a, id) => a + (r.items.find((i) => i.id === id)?.points ?? 0),
      r.startingPoints,
    );
    return Math.min(r.ceilingPoints, Math.max(r.floorPoints, sum));
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.prefetched = null));
    queueMicrotask(() => void this.advance());
  }

  /** `resume`: the first answer after opening (or reloading) the page is the one already leased to me, if any. */
  private async lease(resume = false): Promise<MarkingTask | null> {
    const r = await firstValueFrom(this.api.next(this.questionId()!, resume));
    return 'done' in r ? null : r;
  }

  /** Shows the prefetched answer (or leases one), then leases the one after it in the background. */
  private async advance() {
    if (this.taskId()) return this.show(await firstValueFrom(this.api.myTask(this.taskId()!)));
    const next = await (this.prefetched ?? this.lease(!this.task() && !this.isDone()));
    this.prefetched = null;
    this.show(next);
    if (next) this.prefetched = this.lease().catch(() => null);
  }

  private show(next: MarkingTask | null) {
    this.task.set(next);
    this.applied.set([]);
    this.typed.set('');
    this.problemOpen.set(false);
    this.isDone.set(!next);
    this.shownAt = performance.now();
    const questionId = this.questionId() ?? next?.question.id;
    this.api
      .questions()
      .subscribe((qs) => this.progress.set(qs.find((q) => q.questionId === questionId) ?? null));
  }

  protected toggle(index: number) {
    const item = this.task()?.rubric.items[index];
    if (!item) return;
    this.typed.set('');
    this.applied.update((a) =>
      a.includes(item.id)
        ? a.filter((x) => x !== item.id)
        : [
            ...a.filter(
              (x) =>
                !item.group ||
                this.task()!.rubric.items.find((i) => i.id === x)?.group !== item.group,
            ),
            item.id,
          ],
    );
  }

  protected onKey(e: KeyboardEvent) {
    if ((e.target as HTMLElement).tagName === 'INPUT' || e.ctrlKey || e.metaKey || e.altKey) return;
    // Undo works even when the queue has run out behind the last mark.
    if ((e.key === 'u' || e.key === 'U') && this.lastTaskId()) return void this.undo();
    const t = this.task();
    if (!t) return;
    if (e.key === 'Enter') return void (e.preventDefault(), this.submit());
    // Skipping and problem reports belong to the queue, not to correcting one's own mark.
    if (!this.taskId() && (e.key === 's' || e.key === 'S')) return void this.skip();
    if (!this.taskId() && (e.key === 'p' || e.key === 'P'))
      return void (e.preventDefault(), this.problemOpen.set(true));
    if (e.key === 'Backspace')
      return void (this.typed.update((s) => s.slice(0, -1)), this.applied.set([]));
    if (t.rubric.mode === 'items' && /^[1-9]$/.test(e.key) && this.typed() === '')
      return this.toggle(Number(e.key) - 1);
    if (/^[0-9.]$/.test(e.key)) {
      this.applied.set([]);
      this.typed.update((s) => s + e.key);
    }
  }

  private async act(call: () => Promise<unknown>) {
    if (this.isBusy) return;
    this.isBusy = true;
    this.error.set(null);
    try {
      await call();
      await this.advance();
    } catch (e) {
      const message = e instanceof HttpErrorResponse ? (e.error?.message ?? e.message) : String(e);
      this.error.set(message);
      // A lost lease cannot be saved: move on to the next answer.
      if (e instanceof HttpErrorResponse && e.status === 409) await this.advance();
    } finally {
      this.isBusy = false;
    }
  }

  protected submit() {
    const t = this.task();
    const points = this.points();
    if (!t || points === null) return;
    const seconds = Math.round((performance.now() - this.shownAt) / 100) / 10;
    const body =
      this.typed() !== ''
        ? { leaseToken: t.leaseToken, score: points, secondsSpent: seconds }
        : { leaseToken: t.leaseToken, appliedItems: this.applied(), secondsSpent: seconds };
    if (this.taskId()) {
      const { leaseToken: _, ...fields } = body;
      void this.act(async () => {
        await firstValueFrom(this.api.review(t.taskId, fields));
        await this.router.navigate(['/marking']);
      });
      return;
    }
    void this.act(async () => {
      await firstValueFrom(this.api.submit(t.taskId, body));
      this.lastTaskId.set(t.taskId);
    });
  }

  /** Undo the last mark: open it again to correct it (the correction is appended as a review). */
  protected undo() {
    const id = this.lastTaskId();
    if (id) void this.router.navigate(['/marking/review', id]);
  }

  protected skip() {
    const t = this.task();
    if (t) void this.act(() => firstValueFrom(this.api.skip(t.taskId, t.leaseToken)));
  }

  protected sendProblem(reason: string) {
    const t = this.task();
    if (t && reason.trim().length >= 2)
      void this.act(() => firstValueFrom(this.api.problem(t.taskId, t.leaseToken, reason.trim())));
  }
}
