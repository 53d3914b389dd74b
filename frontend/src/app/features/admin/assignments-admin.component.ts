import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../core/i18n/t.pipe';
import { PapersApiService } from '../papers/papers-api.service';
import { PaperSummary, QuestionView } from '../papers/papers.models';
import { AdminApiService, AdminUser, Assignment } from './admin-api.service';

/** Which teachers mark which questions of a paper (按题阅卷 assignments). */
@Component({
  selector: 'yj-assignments-admin',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatSelectModule,
    TPipe,
  ],
  template: `
    <h1>{{ 'admin.assignments' | t }}</h1>
    <div class="pickers">
      <mat-form-field appearance="outline" class="wide">
        <mat-label>{{ 'admin.paper' | t }}</mat-label>
        <mat-select [ngModel]="paperId()" (ngModelChange)="pickPaper($event)" name="paper">
          @for (p of papers(); track p.id) {
            <mat-option [value]="p.id">{{ p.title }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'admin.teacher' | t }}</mat-label>
        <mat-select [ngModel]="teacherId()" (ngModelChange)="teacherId.set($event)" name="teacher">
          @for (u of teachers(); track u.id) {
            <mat-option [value]="u.id">{{ u.displayName }} ({{ u.username }})</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>
    @if (questions().length) {
      <div class="questions" role="group" aria-label="questions">
        @for (q of questions(); track q.id) {
          <mat-checkbox [checked]="picked().has(q.id)" (change)="toggle(q.id, $event.checked)">
            {{ q.number }} · {{ 'type.' + q.type | t }} · {{ q.points }}
          </mat-checkbox>
        }
      </div>
      <button mat-flat-button [disabled]="!teacherId() || !picked().size" (click)="assign()">
        {{ 'admin.assign' | t }}
      </button>
    }
    @if (error()) {
      <p class="error" role="alert">{{ error() }}</p>
    }
    <h2>{{ 'admin.current' | t }}</h2>
    <table class="table">
      <tbody>
        @for (a of assignments(); track a.userId + a.questionId) {
          <tr>
            <td>{{ a.displayName }}</td>
            <td>{{ a.paperTitle }}</td>
            <td>{{ a.questionNumber }} · {{ 'type.' + a.type | t }}</td>
            <td>
              <button mat-button (click)="unassign(a)">{{ 'admin.remove' | t }}</button>
            </td>
          </tr>
        } @empty {
          <tr>
            <td class="muted">{{ 'admin.none' | t }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .pickers {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
    }
    .wide {
      min-width: 420px;
    }
    .questions {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      margin-bottom: 12px;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
    }
    td {
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentsAdminComponent {
  private readonly api = inject(AdminApiService);
  private readonly papersApi = inject(PapersApiService);
  protected readonly papers = signal<PaperSummary[]>([]);
  protected readonly users = signal<AdminUser[]>([]);
  protected readonly assignments = signal<Assignment[]>([]);
  protected readonly paperId = signal<string | null>(null);
  protected readonly teacherId = signal<string | null>(null);
  protected readonly paperQuestions = signal<QuestionView[]>([]);
  protected readonly picked = signal(new Set<string>());
  protected readonly error = signal('');

  protected readonly teachers = computed(() =>
    this.users().filter(
      (u) => u.isActive && u.roles.some((r) => r === 'teacher' || r === 'senior_teacher'),
    ),
  );
  /** Markable units: subjective questions and sub-questions (composites are assigned by their parts). */
  protected readonly questions = computed(() =>
    this.paperQuestions()
      .flatMap((q) => (q.subQuestions.length ? q.subQuestions : [q]))
      .filter((q) => !q.isObjective),
  );

  constructor() {
    this.papersApi.list({}).subscribe((p) => this.papers.set(p));
    this.api.users().subscribe((u) => this.users.set(u));
    this.reload();
  }

  protected pickPaper(id: string) {
    this.paperId.set(id);
    this.picked.set(new Set());
    this.papersApi.get(id).subscribe((p) => this.paperQuestions.set(p.questions));
  }

  protected toggle(id: string, on: boolean) {
    const next = new Set(this.picked());
    if (on) next.add(id);
    else next.delete(id);
    this.picked.set(next);
  }

  protected assign() {
    this.api.assign(this.teacherId()!, [...this.picked()]).subscribe({
      next: () => {
        this.picked.set(new Set());
        this.reload();
      },
      error: (e: HttpErrorResponse) => this.error.set(e.error?.message ?? e.message),
    });
  }

  protected unassign(a: Assignment) {
    this.api.unassign(a.userId, [a.questionId]).subscribe(() => this.reload());
  }

  private reload() {
    this.error.set('');
    this.api.assignments().subscribe((a) => this.assignments.set(a));
  }
}
