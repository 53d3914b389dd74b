import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TPipe } from '../../../core/i18n/t.pipe';
import { newQuestion, nextNumber, QUESTION_TYPES, QuestionType } from './editor.models';
import { PaperEditorStore } from './paper-editor.store';

/** The paper's outline: details, sections and their questions; a question with problems is marked. */
@Component({
  selector: 'yj-editor-outline',
  imports: [MatButtonModule, MatMenuModule, TPipe],
  templateUrl: './editor-outline.component.html',
  styleUrl: './editor-outline.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditorOutlineComponent {
  protected readonly store = inject(PaperEditorStore);
  private readonly i18n = inject(I18nService);
  protected readonly types = QUESTION_TYPES;
  /** Question numbers with at least one problem. */
  protected readonly flagged = computed(
    () =>
      new Set(
        this.store
          .problems()
          .map((p) => p.location?.question)
          .filter((n) => n),
      ),
  );
  protected readonly paperFlagged = computed(() =>
    this.store
      .problems()
      .some((p) => p.location?.scope === 'paper' || p.location?.scope === 'passage'),
  );

  protected isSelected(s: number, i?: number): boolean {
    const sel = this.store.selection();
    if (i === undefined) return sel.kind === 'section' && sel.s === s;
    return sel.kind === 'question' && sel.s === s && sel.i === i;
  }

  protected selectPaper() {
    this.store.selection.set({ kind: 'paper' });
  }

  protected selectSection(s: number) {
    this.store.selection.set({ kind: 'section', s });
  }

  protected selectQuestion(s: number, i: number) {
    this.store.selection.set({ kind: 'question', s, i });
  }

  protected addSection() {
    this.store.editPaper((p) =>
      p.sections.push({
        title: this.i18n.t('editor.newSection'),
        questions: [newQuestion('single_choice', nextNumber(p))],
      }),
    );
    const s = (this.store.paper()?.sections.length ?? 1) - 1;
    this.store.selection.set({ kind: 'section', s });
  }

  protected addQuestion(s: number, type: QuestionType) {
    let i = 0;
    this.store.editPaper((p) => {
      i = p.sections[s].questions.push(newQuestion(type, nextNumber(p))) - 1;
    });
    this.store.selection.set({ kind: 'question', s, i });
  }
}
