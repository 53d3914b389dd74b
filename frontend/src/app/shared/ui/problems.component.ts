import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TPipe } from '../../core/i18n/t.pipe';

export interface ProblemColumn {
  key: string;
  /** Message key of the column header. */
  label: string;
  /** Shown as code (file names, paths). */
  isCode?: boolean;
}

/** A rejected upload: what was wrong, then one row per problem, where it is and why. */
@Component({
  selector: 'yj-problems',
  imports: [TPipe],
  template: `
    <div class="bad" role="alert">
      <b>{{ title() }}</b>
      @if (rows().length) {
        <table>
          <thead>
            <tr>
              @for (c of columns(); track c.key) {
                <th>{{ c.label | t }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track $index) {
              <tr>
                @for (c of columns(); track c.key) {
                  <td>
                    @if (c.isCode) {
                      <code>{{ r[c.key] ?? '' }}</code>
                    } @else {
                      {{ r[c.key] ?? '' }}
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      }
    </div>
  `,
  styles: `
    .bad {
      margin: 16px 0;
      padding: 10px 14px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    table {
      border-collapse: collapse;
      margin-top: 8px;
      width: 100%;
      font-size: 14px;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemsComponent {
  readonly title = input.required<string>();
  readonly columns = input.required<ProblemColumn[]>();
  readonly rows = input.required<Record<string, unknown>[]>();
}
