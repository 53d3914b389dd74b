import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../../core/i18n/t.pipe';
import { ImageRef, OPTION_LABELS, OptionDoc, QuestionRef, questionAt } from './editor.models';
import { ImageListComponent } from './image-list.component';
import { PaperEditorStore } from './paper-editor.store';

/** A choice question's options: letter, text (Markdown + LaTeX) and an optional image each. */
@Component({
  selector: 'yj-option-list',
  imports: [MatButtonModule, TPipe, ImageListComponent],
  template: `
    <h3>{{ 'editor.field.options' | t }}</h3>
    <ol class="options" data-field="options">
      @for (o of options(); track $index; let k = $index) {
        <li [attr.data-field]="'options.' + (k + 1)">
          <select
            class="label"
            [value]="o.label"
            [attr.aria-label]="'editor.field.label' | t"
            data-field-part="label"
            (change)="set(k, 'label', $event)"
          >
            @for (l of labels; track l) {
              <option [value]="l" [selected]="l === o.label">{{ l }}</option>
            }
          </select>
          <input
            class="text"
            [attr.data-field]="'options.' + (k + 1) + '.text'"
            [attr.aria-label]="('editor.field.options' | t) + ' ' + o.label"
            [value]="o.text ?? ''"
            (input)="set(k, 'text', $event)"
          />
          <yj-image-list
            [images]="o.image ? [o.image] : []"
            [max]="1"
            [field]="'options.' + (k + 1) + '.image'"
            (changed)="setImage(k, $event)"
          />
          <button mat-button type="button" (click)="remove(k)">{{ 'editor.remove' | t }}</button>
        </li>
      }
    </ol>
    @if (options().length < 10) {
      <div class="add">
        <button mat-stroked-button type="button" (click)="add()">
          + {{ 'editor.addOption' | t }}
        </button>
      </div>
    }
  `,
  styles: `
    .options {
      list-style: none;
      padding: 0;
      margin: 0 0 8px;
    }
    li {
      display: grid;
      grid-template-columns: 56px 1fr auto auto;
      gap: 6px;
      align-items: center;
      margin-bottom: 4px;
    }
    .label,
    .text {
      font: inherit;
      padding: 6px 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 6px;
      background: var(--mat-sys-surface);
      color: inherit;
    }
    .add {
      margin-bottom: 12px;
    }
    h3 {
      font-size: 14px;
      margin: 4px 0 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OptionListComponent {
  readonly at = input.required<QuestionRef>();
  private readonly store = inject(PaperEditorStore);
  protected readonly labels = OPTION_LABELS;
  protected readonly options = computed(() => {
    const paper = this.store.paper();
    return (paper && questionAt(paper, this.at())?.options) || [];
  });

  private edit(change: (options: OptionDoc[]) => void) {
    this.store.editQuestion(this.at(), (q) => change((q.options ??= [])));
  }

  protected set(k: number, key: 'label' | 'text', e: Event) {
    const value = (e.target as HTMLInputElement).value;
    this.edit((options) => (options[k][key] = value));
  }

  protected setImage(k: number, images: ImageRef[]) {
    this.edit((options) => {
      if (images[0]) options[k].image = images[0];
      else delete options[k].image;
    });
  }

  protected add() {
    this.edit((options) => {
      const used = new Set(options.map((o) => o.label));
      options.push({ label: OPTION_LABELS.find((l) => !used.has(l)) ?? 'J', text: '' });
    });
  }

  protected remove(k: number) {
    this.edit((options) => options.splice(k, 1));
  }
}
