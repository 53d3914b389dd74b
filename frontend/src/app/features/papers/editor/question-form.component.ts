import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TPipe } from '../../../core/i18n/t.pipe';
import { newQuestion, QuestionRef } from './editor.models';
import { PaperEditorStore } from './paper-editor.store';
import { QuestionFieldsComponent } from './question-fields.component';

/** The selected question: its fields, a composite's sub-questions, moving and removing it. */
@Component({
  selector: 'yj-question-form',
  imports: [MatButtonModule, TPipe, QuestionFieldsComponent],
  template: `
    @if (question(); as q) {
      <yj-question-fields [at]="top()" />
      @if (q.type === 'composite') {
        @for (sub of q.subQuestions ?? []; track $index; let k = $index) {
          <div class="sub">
            <yj-question-fields [at]="{ s: sel().s, i: sel().i, k }" [isSub]="true" />
          </div>
        }
        <button mat-stroked-button type="button" (click)="addSub()">
          + {{ 'editor.addSub' | t }}
        </button>
      }
      <div class="row">
        <button mat-button type="button" [disabled]="sel().i === 0" (click)="move(-1)">
          {{ 'editor.moveUp' | t }}
        </button>
        <button mat-button type="button" [disabled]="isLast()" (click)="move(1)">
          {{ 'editor.moveDown' | t }}
        </button>
        <button mat-button type="button" (click)="remove()">
          {{ 'editor.removeQuestion' | t }}
        </button>
      </div>
    }
  `,
  styles: `
    .sub {
      margin-left: 20px;
    }
    .row {
      display: flex;
      gap: 8px;
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionFormComponent {
  readonly sel = input.required<QuestionRef>();
  private readonly store = inject(PaperEditorStore);
  protected readonly top = computed(() => ({ s: this.sel().s, i: this.sel().i }));
  protected readonly question = computed(
    () => this.store.paper()?.sections[this.sel().s]?.questions[this.sel().i] ?? null,
  );
  protected readonly isLast = computed(
    () => this.sel().i === (this.store.paper()?.sections[this.sel().s]?.questions.length ?? 0) - 1,
  );

  protected addSub() {
    this.store.editQuestion(this.top(), (q) => {
      const subs = (q.subQuestions ??= []);
      subs.push(newQuestion('short_answer', `${q.number}(${subs.length + 1})`));
    });
  }

  protected move(by: number) {
    const { s, i } = this.sel();
    this.store.editPaper((p) => {
      const list = p.sections[s].questions;
      const [q] = list.splice(i, 1);
      list.splice(i + by, 0, q);
    });
    this.store.selection.set({ kind: 'question', s, i: i + by });
  }

  protected remove() {
    const { s, i } = this.sel();
    this.store.editPaper((p) => p.sections[s].questions.splice(i, 1));
    const left = this.store.paper()?.sections[s]?.questions.length ?? 0;
    this.store.selection.set(
      left ? { kind: 'question', s, i: Math.max(0, i - 1) } : { kind: 'section', s },
    );
  }
}
