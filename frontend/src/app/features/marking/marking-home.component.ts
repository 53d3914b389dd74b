import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { AuthService } from '../../core/auth/auth.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { HistoryEntry, MarkingApiService, MarkingQuestion } from './marking-api.service';

/**
 * A teacher's queue: the questions assigned to them, those with answers waiting for them first,
 * filterable by paper and subject; for each, what waits for me, what I have read, how far the
 * whole question is and how it is marked. Below, my recent marks to correct (回评).
 */
@Component({
  selector: 'yj-marking-home',
  imports: [RouterLink, MatButtonModule, TPipe, DatePipe, RichTextComponent],
  templateUrl: './marking-home.component.html',
  styleUrl: './marking-home.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkingHomeComponent {
  private readonly api = inject(MarkingApiService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  protected readonly questions = signal<MarkingQuestion[] | null>(null);
  protected readonly history = signal<HistoryEntry[] | null>(null);
  protected readonly paper = signal('');
  protected readonly subject = signal('');
  protected readonly onlyWaiting = signal(false);
  protected readonly isSenior = computed(
    () => this.auth.user()?.roles.includes('senior_teacher') ?? false,
  );

  protected readonly papers = computed(() => {
    const seen = new Map<string, string>();
    for (const q of this.questions() ?? []) seen.set(q.paperVersionId, q.paperTitle);
    return [...seen].map(([id, title]) => ({ id, title }));
  });
  protected readonly subjects = computed(() => [
    ...new Set((this.questions() ?? []).map((q) => q.subject)),
  ]);
  protected readonly shown = computed(() =>
    (this.questions() ?? []).filter(
      (q) =>
        (!this.paper() || q.paperVersionId === this.paper()) &&
        (!this.subject() || q.subject === this.subject()) &&
        (!this.onlyWaiting() || q.forMe > 0),
    ),
  );
  /** Rows under one paper are grouped: the title once, then its questions. */
  protected readonly groups = computed(() => {
    const out: { paperVersionId: string; paperTitle: string; rows: MarkingQuestion[] }[] = [];
    for (const q of this.shown()) {
      const last = out[out.length - 1];
      if (last?.paperVersionId === q.paperVersionId) last.rows.push(q);
      else out.push({ paperVersionId: q.paperVersionId, paperTitle: q.paperTitle, rows: [q] });
    }
    return out;
  });
  protected readonly waiting = computed(() => {
    const qs = this.questions() ?? [];
    return {
      answers: qs.reduce((a, q) => a + q.forMe, 0),
      questions: qs.filter((q) => q.forMe > 0).length,
    };
  });
  protected readonly first = computed(() => this.shown().find((q) => q.forMe > 0) ?? null);

  private readonly startButton = viewChild('startButton', { read: ElementRef });

  constructor() {
    this.api.questions().subscribe((q) => {
      this.questions.set(q);
      // Enter starts marking: the first control a teacher needs has the focus.
      setTimeout(() => (this.startButton()?.nativeElement as HTMLElement | undefined)?.focus());
    });
    this.api.history().subscribe((h) => this.history.set(h.slice(0, 20)));
  }

  protected start() {
    const q = this.first();
    if (q) void this.router.navigate(['/marking', q.questionId]);
  }

  protected percent(q: MarkingQuestion) {
    return q.readsRequired ? Math.round((100 * q.readsDone) / q.readsRequired) : 0;
  }
}
