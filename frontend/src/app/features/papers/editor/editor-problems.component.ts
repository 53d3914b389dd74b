import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TPipe } from '../../../core/i18n/t.pipe';
import { Problem } from './editor.models';
import { PaperEditorStore } from './paper-editor.store';
import { wordProblem } from './problem-text';

/** Every problem the validator finds, at once, in the reader's language; each one goes to its field. */
@Component({
  selector: 'yj-editor-problems',
  imports: [TPipe],
  template: `
    @let list = rows();
    <section
      class="bar"
      [class.bad]="list.length > 0"
      [attr.aria-label]="'editor.problems.title' | t"
    >
      <div class="summary" role="status" aria-live="polite">
        @if (store.isChecking()) {
          <span class="muted">{{ 'editor.checking' | t }}</span>
        } @else if (list.length) {
          <b>{{ 'editor.problems.title' | t }} · {{ 'editor.problems' | t: { n: list.length } }}</b>
          <span class="muted">{{ 'editor.problems.hint' | t }}</span>
        } @else {
          <span class="ok">✓ {{ 'editor.valid' | t }}</span>
        }
      </div>
      @if (list.length) {
        <ul>
          @for (r of list; track $index) {
            <li>
              <button type="button" (click)="store.goTo(r.problem)">
                <span class="where">{{ r.where }}</span>
                @if (r.field) {
                  <span class="field">{{ r.field }}{{ 'editor.colon' | t }}</span>
                }
                <span class="message">{{ r.message }}</span>
              </button>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styleUrl: './editor-problems.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditorProblemsComponent {
  protected readonly store = inject(PaperEditorStore);
  private readonly i18n = inject(I18nService);
  protected readonly rows = computed(() => {
    this.i18n.lang();
    return this.store
      .problems()
      .map((problem: Problem) => ({ problem, ...wordProblem(this.i18n, problem) }));
  });
}
