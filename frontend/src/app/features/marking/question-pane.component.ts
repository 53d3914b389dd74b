import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { formatKey } from '../../shared/ui/answer-key';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { QuestionCardComponent } from '../papers/question-card.component';
import type { QuestionView } from '@yuejuan/contracts';
import { MarkingQuestionView } from './marking-api.service';

/**
 * The question as the student saw it (the parent's passage and stem for a sub-question, figures,
 * options) and below it the key as a person writes it, the reference answer and the analysis.
 */
@Component({
  selector: 'yj-question-pane',
  imports: [QuestionCardComponent, RichTextComponent, TPipe],
  template: `
    @let v = view();
    @if (v.parent; as p) {
      <div class="parent">
        <div class="muted">{{ 'marking.partOf' | t: { n: p.number } }}</div>
        @if (p.passage) {
          <section class="passage"><yj-rich-text [text]="p.passage" /></section>
        }
        <yj-rich-text [text]="p.stem" />
        @for (img of p.images; track img.sha256 + $index) {
          <img [src]="img.url" [alt]="img.alt ?? ''" class="figure" />
        }
      </div>
    }
    <yj-question-card [question]="question()" />
    <section class="key" [attr.aria-label]="'marking.reference' | t">
      <h3>{{ 'marking.reference' | t }}</h3>
      @if (keyText()) {
        <div class="line">
          <b>{{ 'paper.answer' | t }}</b>
          <yj-rich-text class="grow" [text]="keyText()" />
        </div>
      }
      @if (v.question.referenceAnswer) {
        <yj-rich-text [text]="v.question.referenceAnswer" />
      }
      @if (!keyText() && !v.question.referenceAnswer) {
        <p class="muted">{{ 'marking.noReference' | t }}</p>
      }
      @if (v.question.analysis) {
        <details>
          <summary>{{ 'marking.analysis' | t }}</summary>
          <yj-rich-text [text]="v.question.analysis" />
        </details>
      }
    </section>
  `,
  styles: `
    .parent {
      border-left: 3px solid var(--mat-sys-outline-variant);
      padding-left: 10px;
      margin-bottom: 8px;
    }
    .passage {
      background: var(--mat-sys-surface-container);
      padding: 8px 12px;
      border-radius: 8px;
      margin: 6px 0;
    }
    .figure {
      display: block;
      max-width: 100%;
      max-height: 320px;
      margin: 6px 0;
      background: #fff;
    }
    .key {
      margin-top: 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    h3 {
      font-size: 14px;
      margin: 0 0 4px;
    }
    .line {
      display: flex;
      gap: 8px;
      align-items: baseline;
    }
    .grow {
      flex: 1;
    }
    details {
      margin-top: 6px;
    }
    summary {
      cursor: pointer;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionPaneComponent {
  readonly view = input.required<MarkingQuestionView>();
  private readonly i18n = inject(I18nService);
  protected readonly question = computed(
    () => ({ ...this.view().question, rubric: null, provenance: null }) as QuestionView,
  );
  protected readonly keyText = computed(() =>
    formatKey(this.view().question.answerKey, this.i18n.t('marking.or')),
  );
}
