import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TPipe } from '../../core/i18n/t.pipe';
import { MarkingApiService, MarkingQuestion } from './marking-api.service';

/** The questions a teacher is assigned to, with what is left in each queue. */
@Component({
  selector: 'yj-marking-home',
  imports: [RouterLink, TPipe],
  template: `
    <h1>{{ 'marking.title' | t }}</h1>
    @if (questions(); as qs) {
      @if (!qs.length) {
        <p>{{ 'marking.noAssignments' | t }}</p>
      }
      <table class="table">
        <thead>
          <tr>
            <th>{{ 'marking.question' | t }}</th>
            <th>{{ 'marking.forMe' | t }}</th>
            <th>{{ 'marking.done' | t }}</th>
            <th>{{ 'marking.mine' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (q of qs; track q.questionId) {
            <tr>
              <td>
                <a [routerLink]="['/marking', q.questionId]">{{ q.paperTitle }} · {{ q.number }}</a>
              </td>
              <td>{{ q.forMe }}</td>
              <td>{{ q.done }} / {{ q.total }}</td>
              <td>{{ q.mine }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .table {
      border-collapse: collapse;
      font-size: 15px;
    }
    th,
    td {
      text-align: left;
      padding: 8px 16px 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkingHomeComponent {
  protected readonly questions = signal<MarkingQuestion[] | null>(null);

  constructor() {
    inject(MarkingApiService)
      .questions()
      .subscribe((q) => this.questions.set(q));
  }
}
