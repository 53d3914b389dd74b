import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';
import { RouterLink } from '@angular/router';
import { TPipe } from '../../core/i18n/t.pipe';
import { HistoryEntry, MarkingApiService, MarkingQuestion } from './marking-api.service';

/** The questions a teacher is assigned to, with what is left in each queue. */
@Component({
  selector: 'yj-marking-home',
  imports: [RouterLink, TPipe],
  template: `
    <h1>{{ 'marking.title' | t }}</h1>
    @if (isSenior()) {
      <p>
        <a routerLink="/marking/senior">{{ 'marking.senior' | t }} →</a>
      </p>
    }
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
    @if (history(); as h) {
      @if (h.length) {
        <h2>{{ 'marking.history' | t }}</h2>
        <table class="table">
          <tbody>
            @for (m of h; track m.taskId) {
              <tr>
                <td>{{ 'marking.question' | t }} {{ m.questionNumber }}</td>
                <td class="excerpt">{{ m.excerpt }}</td>
                <td>{{ m.points }}</td>
                <td>
                  <a [routerLink]="['/marking/review', m.taskId]">{{ 'marking.remark' | t }}</a>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
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
      vertical-align: top;
      padding: 8px 16px 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkingHomeComponent {
  protected readonly questions = signal<MarkingQuestion[] | null>(null);
  protected readonly history = signal<HistoryEntry[] | null>(null);
  private readonly auth = inject(AuthService);
  protected readonly isSenior = computed(
    () => this.auth.user()?.roles.includes('senior_teacher') ?? false,
  );

  constructor() {
    const api = inject(MarkingApiService);
    api.questions().subscribe((q) => this.questions.set(q));
    api.history().subscribe((h) => this.history.set(h.slice(0, 20)));
  }
}
