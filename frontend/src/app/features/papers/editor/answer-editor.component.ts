import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TPipe } from '../../../core/i18n/t.pipe';
import { BlankKey, QuestionRef, questionAt } from './editor.models';
import { formatBlank, numberOrUndefined, parseBlank } from './form-values';
import { PaperEditorStore } from './paper-editor.store';

/** The key of an objective question, in the form its type takes: letters, true/false, one entry per blank. */
@Component({
  selector: 'yj-answer-editor',
  imports: [MatButtonToggleModule, MatFormFieldModule, MatInputModule, TPipe],
  template: `
    @if (q(); as q) {
      @if (q.type === 'true_false') {
        <div class="tf">
          <span>{{ 'editor.field.answer' | t }}</span>
          <mat-button-toggle-group
            data-field="answer"
            [value]="q.answer"
            [attr.aria-label]="'editor.field.answer' | t"
            (change)="setAnswer($event.value)"
          >
            <mat-button-toggle [value]="true">{{ 'editor.answer.true' | t }}</mat-button-toggle>
            <mat-button-toggle [value]="false">{{ 'editor.answer.false' | t }}</mat-button-toggle>
          </mat-button-toggle-group>
        </div>
      } @else if (q.type === 'fill_blank') {
        <div class="row">
          <mat-form-field appearance="outline" class="narrow">
            <mat-label>{{ 'editor.field.blanks' | t }}</mat-label>
            <input
              matInput
              type="number"
              min="1"
              max="40"
              data-field="blanks"
              [value]="q.blanks ?? ''"
              (input)="setBlanks($event)"
            />
          </mat-form-field>
        </div>
        @for (key of blanks(); track $index; let k = $index) {
          <mat-form-field appearance="outline" class="full">
            <mat-label
              >{{ 'editor.field.answer' | t }} · {{ 'editor.blank' | t: { n: k + 1 } }}</mat-label
            >
            <input
              matInput
              [attr.data-field]="k === 0 ? 'answer' : 'answer.' + (k + 1)"
              [value]="format(key)"
              (input)="setBlank(k, $event)"
            />
            <mat-hint>{{ 'editor.answer.blankHint' | t }}</mat-hint>
          </mat-form-field>
        }
      } @else if (q.type === 'single_choice' || q.type === 'multiple_choice') {
        <mat-form-field appearance="outline" class="narrow-wide">
          <mat-label>{{ 'editor.field.answer' | t }}</mat-label>
          <input
            matInput
            data-field="answer"
            [value]="q.answer ?? ''"
            (input)="setLetters($event)"
          />
          <mat-hint>{{ 'editor.answer.choiceHint' | t: { labels: labels() } }}</mat-hint>
        </mat-form-field>
      }
    }
  `,
  styles: `
    .tf {
      display: flex;
      gap: 12px;
      align-items: center;
      margin: 4px 0 12px;
    }
    .row {
      display: flex;
      gap: 10px;
    }
    .narrow {
      width: 130px;
    }
    .narrow-wide {
      width: 260px;
    }
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnswerEditorComponent {
  readonly at = input.required<QuestionRef>();
  private readonly store = inject(PaperEditorStore);
  protected readonly q = computed(() => {
    const paper = this.store.paper();
    return paper ? questionAt(paper, this.at()) : null;
  });
  protected readonly labels = computed(() =>
    (this.q()?.options ?? []).map((o) => o.label).join(' '),
  );
  protected readonly blanks = computed((): BlankKey[] => {
    const q = this.q();
    const keys = Array.isArray(q?.answer) ? (q.answer as BlankKey[]) : [];
    return Array.from({ length: Math.max(q?.blanks ?? 1, 1) }, (_, k) => keys[k] ?? '');
  });
  protected readonly format = formatBlank;

  protected setAnswer(value: string | boolean) {
    this.store.editQuestion(this.at(), (q) => (q.answer = value));
  }

  protected setLetters(e: Event) {
    const value = (e.target as HTMLInputElement).value.toUpperCase().replace(/\s/g, '');
    this.setAnswer(value);
  }

  protected setBlanks(e: Event) {
    const n = numberOrUndefined((e.target as HTMLInputElement).value);
    this.store.editQuestion(this.at(), (q) => {
      if (n === undefined) delete q.blanks;
      else q.blanks = n;
      const keys = Array.isArray(q.answer) ? (q.answer as BlankKey[]) : [];
      if (n !== undefined && n > 0 && n <= 40)
        q.answer = Array.from({ length: n }, (_, k) => keys[k] ?? '');
    });
  }

  protected setBlank(k: number, e: Event) {
    const key = parseBlank((e.target as HTMLInputElement).value);
    this.store.editQuestion(this.at(), (q) => {
      const keys = this.blanks().slice();
      keys[k] = key;
      q.answer = keys;
    });
  }
}
