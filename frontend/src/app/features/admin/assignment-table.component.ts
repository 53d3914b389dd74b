import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { TPipe } from '../../core/i18n/t.pipe';
import { QuestionRow } from './admin-api.service';

/**
 * A paper's markable questions in paper order: queue, teachers (each removable), marking mode.
 * Rows stay where they are when teachers are added, and the rows just changed are highlighted.
 */
@Component({
  selector: 'yj-assignment-table',
  imports: [MatButtonModule, MatCheckboxModule, TPipe],
  template: `
    <table class="table" [attr.aria-label]="'asg.questionsAria' | t">
      <thead>
        <tr>
          <th>
            <mat-checkbox
              [checked]="questions().length > 0 && picked().size === questions().length"
              [indeterminate]="picked().size > 0 && picked().size < questions().length"
              (change)="all.emit($event.checked)"
              [attr.aria-label]="'asg.selectAll' | t"
            />
          </th>
          <th>{{ 'asg.col.question' | t }}</th>
          <th>{{ 'asg.col.queue' | t }}</th>
          <th>{{ 'asg.col.teachers' | t }}</th>
          <th>{{ 'asg.col.mode' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (q of questions(); track q.id) {
          <tr
            [class.changed]="changed().has(q.id)"
            [class.orphan]="q.queued > 0 && !q.teachers.length"
          >
            <td>
              <mat-checkbox
                [checked]="picked().has(q.id)"
                (change)="toggle.emit({ id: q.id, on: $event.checked })"
                [attr.aria-label]="'asg.q' | t: { number: q.number }"
              />
            </td>
            <td>
              <b>{{ 'asg.q' | t: { number: q.number } }}</b> · {{ 'type.' + q.type | t }} ·
              {{ q.points }}
              @if (q.isObjective) {
                <div class="small muted">{{ 'asg.objective' | t }}</div>
              }
            </td>
            <td class="nowrap">
              {{ 'asg.queue' | t: { queued: q.queued, marked: q.marked, total: q.total } }}
            </td>
            <td>
              @for (u of q.teachers; track u.id) {
                <span class="chip"
                  >{{ u.displayName }}
                  <button
                    type="button"
                    class="x"
                    (click)="remove.emit({ question: q, userId: u.id, name: u.displayName })"
                    [attr.aria-label]="'asg.removeTeacher' | t: { name: u.displayName }"
                  >
                    ×
                  </button></span
                >
              } @empty {
                <span class="nobody">{{ 'asg.nobody' | t }}</span>
              }
            </td>
            <td>
              <button
                mat-button
                type="button"
                (click)="mode.emit(q)"
                [attr.aria-label]="'mode.editQuestion' | t: { number: q.number }"
              >
                {{
                  q.mode === 'double'
                    ? ('mode.double' | t: { tol: q.tolerance })
                    : ('mode.single' | t)
                }}
                @if (q.override) {
                  <small>· {{ 'mode.set' | t }}</small>
                }
              </button>
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styleUrl: './assignment-table.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentTableComponent {
  readonly questions = input.required<QuestionRow[]>();
  readonly picked = input.required<Set<string>>();
  readonly changed = input<Set<string>>(new Set());
  readonly toggle = output<{ id: string; on: boolean }>();
  readonly all = output<boolean>();
  readonly remove = output<{ question: QuestionRow; userId: string; name: string }>();
  readonly mode = output<QuestionRow>();
}
