import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { QuestionView } from './papers.models';
import { formatKey } from '../../shared/ui/answer-key';

/** One question as a student sees it, with keys and rubric for staff when asked. */
@Component({
  selector: 'yj-question-card',
  imports: [RichTextComponent, TPipe],
  templateUrl: './question-card.component.html',
  styleUrl: './question-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionCardComponent {
  readonly question = input.required<QuestionView>();
  readonly showKey = input(false);
  readonly isSub = input(false);

  protected readonly stemImages = computed(() =>
    this.question().images.filter((i) => i.role !== 'option'),
  );
  /** An option's own figure (a crop or an uploaded image), shown with its option. */
  protected readonly optionImages = computed(
    () =>
      new Map(
        this.question()
          .images.filter((i) => i.role === 'option' && i.optionLabel)
          .map((i) => [i.optionLabel!, i]),
      ),
  );
  protected readonly hasOptionText = computed(() =>
    (this.question().options ?? []).some((o) => o.text),
  );
  protected readonly keyText = computed(() => formatKey(this.question().answerKey));
}
