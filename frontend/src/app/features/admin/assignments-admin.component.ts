import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { PapersApiService } from '../papers/papers-api.service';
import type { PaperSummary } from '@yuejuan/contracts';
import {
  AdminApiService,
  AdminUser,
  PaperPolicy,
  QuestionRow,
  WaitingQuestion,
} from './admin-api.service';
import { errorText } from '../../core/i18n/error-text';
import { AssignmentTableComponent } from './assignment-table.component';
import { MarkingModeDialogComponent, ModeDialogData } from './marking-mode-dialog.component';

/** Which teachers mark which questions (按题阅卷), every question's queue, and its marking mode. */
@Component({
  selector: 'yj-assignments-admin',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, TPipe, AssignmentTableComponent],
  template: `
    <h1>{{ 'admin.assignments' | t }}</h1>
    <section class="waiting" [attr.aria-label]="'asg.waiting.title' | t">
      <h2>{{ 'asg.waiting.title' | t }}</h2>
      @for (w of waiting(); track w.questionId) {
        <button mat-stroked-button type="button" class="orphan" (click)="openWaiting(w)">
          {{ 'asg.waiting.item' | t: { paper: w.paperTitle, number: w.number, n: w.queued } }}
        </button>
      } @empty {
        <p class="muted">{{ 'asg.waiting.none' | t }}</p>
      }
    </section>
    <div class="pickers">
      <mat-form-field appearance="outline" class="wide">
        <mat-label>{{ 'admin.paper' | t }}</mat-label>
        <mat-select [value]="paperId()" (valueChange)="pickPaper($event)">
          @for (p of papers(); track p.id) {
            <mat-option [value]="p.id">{{ p.title }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="teachers">
        <mat-label>{{ 'asg.teachers' | t }}</mat-label>
        <mat-select multiple [value]="teacherIds()" (valueChange)="teacherIds.set($event)">
          @for (u of teachers(); track u.id) {
            <mat-option [value]="u.id">{{ u.displayName }} ({{ u.username }})</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>
    @if (paper(); as p) {
      <div class="bar">
        <span
          >{{ 'mode.paperLine' | t: { mode: modeText(paperMode().mode, paperMode().tolerance) } }}
          @if (p.override) {
            <small class="muted">· {{ 'mode.set' | t }}</small>
          }
        </span>
        <button mat-button type="button" (click)="editPaperMode(p)">
          {{ 'mode.editPaper' | t }}
        </button>
        <span class="spacer"></span>
        <button mat-button type="button" (click)="pickWaiting()">
          {{ 'asg.selectWaiting' | t }}
        </button>
        <button mat-button type="button" (click)="selectAll(false)">{{ 'asg.clear' | t }}</button>
        <button
          mat-flat-button
          type="button"
          [disabled]="!teacherIds().length || !picked().size"
          (click)="assign()"
        >
          {{ 'asg.assignN' | t: { t: teacherIds().length, q: picked().size } }}
        </button>
      </div>
      @if (result()) {
        <p class="result" role="status">{{ result() }}</p>
      }
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
      <yj-assignment-table
        [questions]="questions()"
        [picked]="picked()"
        [changed]="changed()"
        (toggle)="toggle($event.id, $event.on)"
        (all)="selectAll($event)"
        (remove)="unassign($event.question, $event.userId, $event.name)"
        (mode)="editQuestionMode($event)"
      />
    } @else {
      <p class="muted">{{ 'asg.pickPaper' | t }}</p>
    }
  `,
  styles: `
    .waiting {
      margin-bottom: 16px;
    }
    .waiting h2 {
      font-size: 16px;
      font-weight: 500;
      margin: 0 0 8px;
    }
    .orphan {
      margin: 0 8px 8px 0;
    }
    .pickers,
    .bar {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
      align-items: center;
    }
    .wide {
      min-width: 420px;
    }
    .teachers {
      min-width: 300px;
    }
    .spacer {
      flex: 1;
    }
    .result {
      background: var(--mat-sys-secondary-container);
      padding: 8px 12px;
      border-radius: 6px;
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
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  protected readonly papers = signal<PaperSummary[]>([]);
  protected readonly users = signal<AdminUser[]>([]);
  protected readonly waiting = signal<WaitingQuestion[]>([]);
  protected readonly paperId = signal<string | null>(null);
  protected readonly paper = signal<PaperPolicy | null>(null);
  protected readonly questions = signal<QuestionRow[]>([]);
  protected readonly teacherIds = signal<string[]>([]);
  protected readonly picked = signal(new Set<string>());
  protected readonly changed = signal(new Set<string>());
  protected readonly result = signal('');
  protected readonly error = signal('');
  protected readonly teachers = computed(() =>
    this.users().filter(
      (u) => u.isActive && u.roles.some((r) => r === 'teacher' || r === 'senior_teacher'),
    ),
  );
  /** The paper's own mode: its override, else what paper.yaml says. */
  protected readonly paperMode = computed(() => {
    const p = this.paper()!;
    return {
      mode: p.override?.mode ?? p.policyMode,
      tolerance: p.override?.tolerance ?? p.policyTolerance,
    };
  });

  constructor() {
    this.papersApi.list({}).subscribe((p) => this.papers.set(p));
    this.api.users().subscribe((u) => this.users.set(u));
    this.loadWaiting();
  }

  protected ids(rows: QuestionRow[]) {
    return new Set(rows.map((q) => q.id));
  }

  protected modeText(mode: string, tolerance: number) {
    return mode === 'double'
      ? this.i18n.t('mode.double', { tol: tolerance })
      : this.i18n.t('mode.single');
  }

  protected pickPaper(id: string, preselect: string[] = []) {
    this.paperId.set(id);
    this.picked.set(new Set(preselect));
    this.changed.set(new Set());
    this.result.set('');
    this.loadPaper();
  }

  protected openWaiting(w: WaitingQuestion) {
    const orphans = this.waiting().filter((x) => x.paperVersionId === w.paperVersionId);
    this.pickPaper(
      w.paperVersionId,
      orphans.map((x) => x.questionId),
    );
  }

  protected selectAll(on: boolean) {
    this.picked.set(on ? this.ids(this.questions()) : new Set());
  }

  protected pickWaiting() {
    this.picked.set(this.ids(this.questions().filter((q) => q.queued > 0 && !q.teachers.length)));
  }

  protected toggle(id: string, on: boolean) {
    const next = new Set(this.picked());
    if (on) next.add(id);
    else next.delete(id);
    this.picked.set(next);
  }

  protected assign() {
    const userIds = this.teacherIds();
    const questionIds = [...this.picked()];
    this.error.set('');
    this.api.assignMany(userIds, questionIds).subscribe({
      next: (r) => {
        this.result.set(
          this.i18n.t('asg.result', {
            t: userIds.length,
            q: questionIds.length,
            added: r.added,
            existing: r.pairs - r.added,
          }),
        );
        this.changed.set(new Set(questionIds));
        this.picked.set(new Set());
        this.loadPaper();
        this.loadWaiting();
      },
      error: (e: HttpErrorResponse) => this.error.set(errorText(this.i18n, e)),
    });
  }

  protected unassign(q: QuestionRow, userId: string, name: string) {
    this.api.unassign(userId, [q.id]).subscribe(() => {
      this.result.set(this.i18n.t('asg.removed', { name, number: q.number }));
      this.changed.set(new Set([q.id]));
      this.loadPaper();
      this.loadWaiting();
    });
  }

  protected editPaperMode(p: PaperPolicy) {
    const { mode, tolerance } = this.paperMode();
    this.openMode({
      target: 'papers',
      id: p.id,
      title: this.i18n.t('mode.dialog.paper', { title: p.title }),
      now: this.modeText(mode, tolerance),
      override: p.override,
    });
  }

  protected editQuestionMode(q: QuestionRow) {
    this.openMode({
      target: 'questions',
      id: q.id,
      title: this.i18n.t('mode.dialog.question', { number: q.number }),
      now: this.modeText(q.mode, q.tolerance),
      override: q.override,
    });
  }

  private openMode(data: ModeDialogData) {
    const ref = this.dialog.open(MarkingModeDialogComponent, { data, width: '520px' });
    ref.afterClosed().subscribe((saved?: string) => {
      if (!saved) return;
      this.result.set(saved);
      this.changed.set(
        data.target === 'questions' ? new Set([data.id]) : this.ids(this.questions()),
      );
      this.loadPaper();
    });
  }

  private loadPaper() {
    const id = this.paperId();
    if (!id) return;
    this.api.assignableQuestions(id).subscribe(({ paper, questions }) => {
      this.paper.set(paper);
      this.questions.set(questions);
    });
  }

  private loadWaiting() {
    this.api.unassigned().subscribe((w) => this.waiting.set(w));
  }
}
