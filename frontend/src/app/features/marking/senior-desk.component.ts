import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { errorText } from '../../core/i18n/error-text';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { ANY_PARAMS } from '../../core/i18n/judge-failure';
import { MarkingApiService, MarkingQuestionView, SeniorItem } from './marking-api.service';
import { QuestionPaneComponent } from './question-pane.component';

/** A judge's read as a marker may see it (GET /api/marking/tasks/:id/judge): no judge or writer identity. */
export interface DeskJudgement {
  status: 'scored' | 'failed';
  failureCode: string | null;
  points: number | null;
  maxPoints: number;
  adjustment: number;
  rationale: string | null;
  items: { id: string; points: number | null; description: string | null }[];
}

/**
 * The seniors' desk: answers the reads did not settle and problem answers. For each, the answer,
 * every read with the rubric items it applied, the rubric, and the question with its reference
 * answer, side by side; the senior's decision is final.
 */
@Component({
  selector: 'yj-senior-desk',
  imports: [MatButtonModule, TPipe, RichTextComponent, QuestionPaneComponent],
  templateUrl: './senior-desk.component.html',
  styleUrl: './senior-desk.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeniorDeskComponent {
  private readonly i18n = inject(I18nService);
  private readonly api = inject(MarkingApiService);
  private readonly http = inject(HttpClient);
  /** Per case, the AI judges' reads where the question lets seniors see them (refused or none: absent). */
  protected readonly judges = signal<Record<string, DeskJudgement[]>>({});
  protected readonly items = signal<SeniorItem[] | null>(null);
  protected readonly views = signal<Record<string, MarkingQuestionView>>({});
  protected readonly error = signal<string | null>(null);
  /** What the last decision was, said once its case has left the desk. */
  protected readonly decided = signal<{ q: string; n: number } | null>(null);

  constructor() {
    this.load();
  }

  private load() {
    this.api.seniorQueue().subscribe((list) => {
      this.items.set(list);
      for (const item of list)
        this.http
          .get<{ judgements: DeskJudgement[] }>(`/api/marking/tasks/${item.taskId}/judge`)
          .subscribe({
            next: (r) => this.judges.update((all) => ({ ...all, [item.taskId]: r.judgements })),
            // 403 (hidden, or not yet) and 404 (no judge read it): the desk shows nothing, as without a judge.
            error: () => undefined,
          });
      for (const id of new Set(list.map((i) => i.questionId)))
        this.api.view(id).then((v) => this.views.update((all) => ({ ...all, [id]: v })));
    });
  }

  /** A rubric item as the teachers saw it: its key number, points and text. */
  protected itemOf(item: SeniorItem, id: string) {
    const at = item.rubric.items.findIndex((x) => x.id === id);
    const i = item.rubric.items[at];
    return i
      ? { n: at + 1, points: `${i.points > 0 ? '+' : ''}${i.points}`, text: i.description }
      : { n: null, points: '', text: id };
  }

  protected judgeFailure(j: DeskJudgement): string {
    return this.i18n.t(`judge.failure.${j.failureCode}`, ANY_PARAMS);
  }

  protected decide(item: SeniorItem, score: string, comment: string) {
    if (score === '') return;
    this.error.set(null);
    this.api.arbitrate(item.taskId, Number(score), comment).subscribe({
      next: () => {
        this.decided.set({ q: item.questionNumber, n: Number(score) });
        this.load();
      },
      error: (e: HttpErrorResponse) => this.error.set(errorText(this.i18n, e)),
    });
  }
}
