import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../core/i18n/t.pipe';
import { ProblemColumn, ProblemsComponent } from '../../shared/ui/problems.component';
import { PapersApiService } from '../papers/papers-api.service';
import { CohortSummary, ReportsApiService } from './reports-api.service';

interface CellError {
  file: string;
  row: number;
  column?: string;
  message: string;
}

/** Student cohorts: import results (CSV or XLSX) or generate a synthetic one, labelled as such. */
@Component({
  selector: 'yj-cohorts',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TPipe,
    ProblemsComponent,
  ],
  template: `
    <h1>{{ 'cohorts.title' | t }}</h1>
    <p class="muted">{{ 'cohorts.hint' | t }}</p>
    <form class="import" (ngSubmit)="upload()">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'cohorts.paper' | t }}</mat-label>
        <mat-select [(ngModel)]="paperId" name="paper" required>
          @for (p of papers() ?? []; track p.id) {
            <mat-option [value]="p.id">{{ p.title }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'cohorts.name' | t }}</mat-label>
        <input matInput [(ngModel)]="name" name="name" required maxlength="120" />
      </mat-form-field>
      <label class="file file-pick">
        <span>{{ 'cohorts.file' | t }}</span>
        <span class="file-pick-row"
          ><span class="file-pick-button">{{ 'file.browse' | t }}</span
          ><span class="file-pick-name">{{ file()?.name ?? ('file.none' | t) }}</span></span
        >
        <input
          type="file"
          accept=".csv,.xlsx,text/csv"
          (change)="pick($event)"
          aria-label="cohort file"
        />
      </label>
      <button mat-flat-button [disabled]="!paperId || !name.trim() || !file() || busy()">
        {{ 'cohorts.import' | t }}
      </button>
      <button
        mat-stroked-button
        type="button"
        [disabled]="!paperId || busy()"
        (click)="synthetic()"
      >
        {{ 'cohorts.synthetic' | t }}
      </button>
    </form>
    @if (message()) {
      <yj-problems [title]="message()" [columns]="problemColumns" [rows]="$any(errors())" />
    }
    <table class="list">
      <thead>
        <tr>
          <th>{{ 'cohorts.paper' | t }}</th>
          <th>{{ 'cohorts.name' | t }}</th>
          <th>{{ 'cohorts.kind' | t }}</th>
          <th class="num">{{ 'cohorts.students' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (c of cohorts(); track c.id) {
          <tr>
            <td>{{ c.paperTitle }}</td>
            <td>
              {{ c.name }}
              @if (c.isSynthetic) {
                <span class="synthetic">{{ 'cohorts.syntheticLabel' | t }}</span>
              }
            </td>
            <td>{{ 'cohorts.kind.' + c.kind | t }}</td>
            <td class="num">{{ c.students }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .import {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin: 12px 0;
    }
    .import mat-form-field {
      width: 280px;
    }
    .file {
      display: inline-flex;
      flex-direction: column;
      font-size: 13px;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 14px;
    }
    th,
    td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .num {
      text-align: right;
    }
    .synthetic {
      margin-left: 8px;
      padding: 1px 8px;
      border-radius: 10px;
      background: #fff3e0;
      color: #8a4b00;
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortsComponent {
  private readonly api = inject(ReportsApiService);
  protected readonly papers = toSignal(inject(PapersApiService).list({}));
  protected readonly cohorts = signal<CohortSummary[]>([]);
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal('');
  protected readonly errors = signal<CellError[]>([]);
  protected readonly problemColumns: ProblemColumn[] = [
    { key: 'row', label: 'cohorts.row' },
    { key: 'column', label: 'cohorts.column', isCode: true },
    { key: 'message', label: 'upload.col.message' },
  ];
  protected paperId = '';
  protected name = '';

  constructor() {
    this.reload();
  }

  protected pick(e: Event) {
    this.file.set((e.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected upload() {
    this.run(this.api.importCohort(this.paperId, this.name.trim(), this.file()!));
  }

  protected synthetic() {
    this.run(this.api.synthetic(this.paperId, 1000));
  }

  private run(call: ReturnType<ReportsApiService['synthetic']>) {
    this.busy.set(true);
    this.message.set('');
    this.errors.set([]);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        this.reload();
      },
      error: (e: HttpErrorResponse) => {
        this.busy.set(false);
        this.message.set(e.error?.message ?? e.message);
        this.errors.set(e.error?.errors ?? []);
      },
    });
  }

  private reload() {
    this.api.cohorts().subscribe((c) => this.cohorts.set(c));
  }
}
