import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';
import { RichTextComponent } from '../../shared/ui/rich-text.component';
import { QuestionView } from './papers.models';
import { formatKey } from '../../shared/ui/answer-key';

/** One question as a student sees it, with keys and rubric for staff when asked. */
@Component({
  selector: 'yj-question-card',
  imports: [RichTextComponent, TPipe],
  template: `
    @let q = question();
    <article class="q" [attr.aria-label]="'Q' + q.number">
      <header>
        <span class="num">{{ q.number }}</span>
        <span class="chip">{{ 'type.' + q.type | t }}</span>
        <span class="muted">{{ 'paper.points' | t: { n: q.points } }}</span>
        @for (tag of q.tags; track tag) {
          <span class="tag" data-content>{{ tag }}</span>
        }
      </header>
      @if (q.passage && !isSub()) {
        <section class="passage"><yj-rich-text [text]="q.passage" /></section>
      }
      @if (q.stem) {
        <yj-rich-text [text]="q.stem" />
      }
      <!-- Several figures (often one per option) side by side, as a printed paper lays them out. -->
      <div class="figures" [class.many]="stemImages().length > 1">
        @for (img of stemImages(); track img.sha256 + $index) {
          <img
            [src]="img.url"
            [alt]="img.alt ?? 'figure ' + ($index + 1)"
            loading="lazy"
            class="figure"
          />
        }
      </div>
      @if (q.options?.length && (hasOptionText() || optionImages().size)) {
        <ol class="options">
          @for (o of q.options; track o.label) {
            <li>
              <b>{{ o.label }}.</b>
              <yj-rich-text [text]="o.text ?? ''" />
              @if (optionImages().get(o.label); as img) {
                <img
                  [src]="img.url"
                  [alt]="img.alt ?? o.label"
                  loading="lazy"
                  class="figure option-figure"
                />
              }
            </li>
          }
        </ol>
      }
      @for (sub of q.subQuestions; track sub.id) {
        <div class="sub">
          <yj-question-card [question]="sub" [showKey]="showKey()" [isSub]="true" />
        </div>
      }
      @if (showKey() && q.type !== 'composite') {
        <section class="key">
          @if (q.answerKey !== null) {
            <div>
              <b>{{ 'paper.answer' | t }}：</b><yj-rich-text class="inline" [text]="keyText()" />
            </div>
          }
          @if (q.referenceAnswer) {
            <div>
              <b>{{ 'paper.reference' | t }}：</b><yj-rich-text [text]="q.referenceAnswer" />
            </div>
          }
          @if (q.rubric; as r) {
            <div class="rubric">
              <b>{{ 'paper.rubric' | t }}</b>
              @if (r.isDerived) {
                <span class="muted">{{ 'paper.rubric.derived' | t }}</span>
              }
              @if (r.mode === 'score') {
                <div class="muted">{{ 'paper.rubric.byScore' | t }} (0–{{ r.ceiling }})</div>
              }
              <ol>
                @for (item of r.items; track item.id) {
                  <li>
                    <span class="pts">{{ item.points > 0 ? '+' : '' }}{{ item.points }}</span>
                    {{ item.description }}
                  </li>
                }
              </ol>
            </div>
          }
          @if (q.tolerance !== null) {
            <div class="muted">{{ 'paper.tolerance' | t }}: {{ q.tolerance }}</div>
          }
          @if (q.provenance; as p) {
            <div class="muted small">
              {{ 'paper.provenance' | t }}: {{ p['dataset'] }} · {{ p['file'] }} #{{ p['index'] }}
            </div>
          }
        </section>
      }
    </article>
  `,
  styles: `
    .q {
      padding: 12px 0;
    }
    header {
      display: flex;
      align-items: center;
      gap: 10px;
      margin-bottom: 6px;
      flex-wrap: wrap;
    }
    .num {
      font-weight: 600;
      font-size: 18px;
      min-width: 28px;
    }
    .chip {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      border-radius: 10px;
      padding: 1px 10px;
      font-size: 13px;
    }
    .tag {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
      padding: 0 8px;
      font-size: 12px;
    }
    .passage {
      background: var(--mat-sys-surface-container);
      padding: 10px 14px;
      border-radius: 8px;
      margin: 6px 0 10px;
      max-height: 420px;
      overflow: auto;
    }
    .figures.many {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
      gap: 8px;
      align-items: start;
    }
    .figures.many .figure {
      max-height: 220px;
      margin: 0;
      object-fit: contain;
    }
    .figure.option-figure {
      max-height: 160px;
      margin: 4px 0;
    }
    .figure {
      display: block;
      max-width: 100%;
      max-height: 360px;
      margin: 8px 0;
      border: 1px solid var(--mat-sys-outline-variant);
      background: #fff;
    }
    .options {
      list-style: none;
      padding: 0;
      margin: 6px 0;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
      gap: 4px 24px;
    }
    .options li {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: baseline;
    }
    .sub {
      margin-left: 24px;
      border-left: 3px solid var(--mat-sys-outline-variant);
      padding-left: 12px;
    }
    .key {
      margin-top: 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font-size: 14px;
    }
    .pts {
      font-weight: 600;
      display: inline-block;
      min-width: 36px;
    }
    .small {
      font-size: 12px;
    }
    .inline {
      display: inline-block;
      vertical-align: top;
    }
  `,
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
