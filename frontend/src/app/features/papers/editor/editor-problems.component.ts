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
  styles: `
    .bar {
      margin: 8px 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font-size: 14px;
    }
    .bar.bad {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .summary {
      display: flex;
      gap: 12px;
      align-items: baseline;
    }
    .ok {
      color: var(--mat-sys-primary);
    }
    ul {
      list-style: none;
      margin: 6px 0 0;
      padding: 0;
      max-height: 132px;
      overflow: auto;
    }
    li button {
      display: flex;
      gap: 10px;
      width: 100%;
      text-align: left;
      border: 0;
      background: none;
      color: inherit;
      font: inherit;
      padding: 3px 4px;
      border-radius: 4px;
      cursor: pointer;
    }
    li button:hover,
    li button:focus-visible {
      background: color-mix(in srgb, currentColor 10%, transparent);
    }
    .where {
      font-weight: 600;
      white-space: nowrap;
    }
    .field {
      white-space: nowrap;
      opacity: 0.85;
    }
  `,
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
