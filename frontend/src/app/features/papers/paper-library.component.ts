import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { AuthService } from '../../core/auth/auth.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { PapersApiService } from './papers-api.service';
import { PaperSummary, SUBJECTS } from './papers.models';

/** Grades of each stage (小学 1–6, 初中 7–9, 高中 10–12), as the bundle format's stage and grade. */
const STAGE_GRADES: Record<string, number[]> = {
  primary: [1, 2, 3, 4, 5, 6],
  junior: [7, 8, 9],
  senior: [10, 11, 12],
};
const ALL_GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

@Component({
  selector: 'yj-paper-library',
  imports: [
    FormsModule,
    RouterLink,
    MatFormFieldModule,
    MatSelectModule,
    MatInputModule,
    MatTableModule,
    MatChipsModule,
    MatButtonModule,
    TPipe,
  ],
  template: `
    <div class="head">
      <h1>{{ 'papers.title' | t }}</h1>
      @if (canWrite) {
        <a mat-flat-button routerLink="/papers/new">+ {{ 'editor.new' | t }}</a>
      }
    </div>
    <form class="filters" (submit)="$event.preventDefault()">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'papers.filter.subject' | t }}</mat-label>
        <mat-select [ngModel]="subject()" (ngModelChange)="subject.set($event)" name="subject">
          <mat-option value="">{{ 'papers.filter.all' | t }}</mat-option>
          @for (s of subjects; track s) {
            <mat-option [value]="s">{{ 'subject.' + s | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="medium">
        <mat-label>{{ 'papers.filter.stage' | t }}</mat-label>
        <mat-select [ngModel]="stage()" (ngModelChange)="setStage($event)" name="stage">
          <mat-option value="">{{ 'papers.filter.all' | t }}</mat-option>
          @for (s of stages; track s) {
            <mat-option [value]="s">{{ 'stage.' + s | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="medium">
        <mat-label>{{ 'papers.filter.grade' | t }}</mat-label>
        <mat-select [ngModel]="grade()" (ngModelChange)="grade.set($event)" name="grade">
          <mat-option [value]="null">{{ 'papers.filter.all' | t }}</mat-option>
          @for (g of grades(); track g) {
            <mat-option [value]="g">{{ 'paper.grade' | t: { n: g } }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="narrow">
        <mat-label>{{ 'papers.filter.year' | t }}</mat-label>
        <input
          matInput
          type="number"
          [ngModel]="year()"
          (ngModelChange)="year.set($event || null)"
          name="year"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" class="wide">
        <mat-label>{{ 'papers.filter.search' | t }}</mat-label>
        <input matInput [ngModel]="q()" (ngModelChange)="q.set($event)" name="q" />
      </mat-form-field>
    </form>
    <p class="muted">{{ 'papers.count' | t: { n: papers().length } }}</p>
    @if (papers().length) {
      <table mat-table [dataSource]="papers()" class="table">
        <ng-container matColumnDef="title">
          <th mat-header-cell *matHeaderCellDef>{{ 'papers.col.title' | t }}</th>
          <td mat-cell *matCellDef="let p">
            <a [routerLink]="['/papers', p.id]" class="title">{{ p.title }}</a>
            <div class="muted small">{{ p.region }} · {{ p.source.name }} · v{{ p.version }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="subject">
          <th mat-header-cell *matHeaderCellDef>{{ 'papers.col.subject' | t }}</th>
          <td mat-cell *matCellDef="let p">{{ 'subject.' + p.subject | t }}</td>
        </ng-container>
        <ng-container matColumnDef="grade">
          <th mat-header-cell *matHeaderCellDef>{{ 'papers.col.grade' | t }}</th>
          <td mat-cell *matCellDef="let p">
            {{ 'stage.' + p.stage | t }} · {{ 'paper.grade' | t: { n: p.grade } }}
          </td>
        </ng-container>
        <ng-container matColumnDef="year">
          <th mat-header-cell *matHeaderCellDef>{{ 'papers.col.year' | t }}</th>
          <td mat-cell *matCellDef="let p">{{ p.year }}</td>
        </ng-container>
        <ng-container matColumnDef="questions">
          <th mat-header-cell *matHeaderCellDef class="num">{{ 'papers.col.questions' | t }}</th>
          <td mat-cell *matCellDef="let p" class="num">{{ p.questionCount }}</td>
        </ng-container>
        <ng-container matColumnDef="points">
          <th mat-header-cell *matHeaderCellDef class="num">{{ 'papers.col.points' | t }}</th>
          <td mat-cell *matCellDef="let p" class="num">{{ p.totalPoints }}</td>
        </ng-container>
        <ng-container matColumnDef="images">
          <th mat-header-cell *matHeaderCellDef class="num">{{ 'papers.col.images' | t }}</th>
          <td mat-cell *matCellDef="let p" class="num">{{ p.imageQuestionCount || '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>{{ 'papers.col.status' | t }}</th>
          <td mat-cell *matCellDef="let p">
            <span class="status">{{ 'status.' + p.status | t }} v{{ p.version }}</span>
            @if (p.draft; as d) {
              <a class="draft" [routerLink]="['/papers', d.id]">{{
                'editor.draftBeside' | t: { v: d.version }
              }}</a>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    } @else if (loaded()) {
      <p>{{ 'papers.empty' | t }}</p>
    }
  `,
  styles: `
    .head {
      display: flex;
      justify-content: space-between;
      align-items: center;
    }
    .draft {
      margin-left: 8px;
      padding: 1px 8px;
      border-radius: 10px;
      font-size: 12px;
      text-decoration: none;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .filters {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
    }
    .narrow {
      width: 120px;
    }
    .medium {
      width: 140px;
    }
    .wide {
      flex: 1;
      min-width: 200px;
    }
    .table {
      width: 100%;
    }
    .title {
      font-weight: 500;
      text-decoration: none;
    }
    .small {
      font-size: 12px;
    }
    .num {
      text-align: right;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaperLibraryComponent {
  private readonly api = inject(PapersApiService);
  protected readonly canWrite = inject(AuthService).hasAnyRole(['admin', 'author']);
  protected readonly subjects = SUBJECTS;
  protected readonly stages = Object.keys(STAGE_GRADES);
  /** The grades of the chosen stage (all twelve when none is chosen). */
  protected readonly grades = computed(() => STAGE_GRADES[this.stage()] ?? ALL_GRADES);
  protected readonly columns = [
    'title',
    'subject',
    'grade',
    'year',
    'questions',
    'points',
    'images',
    'status',
  ];
  protected readonly subject = signal('');
  protected readonly stage = signal('');
  protected readonly grade = signal<number | null>(null);
  protected readonly year = signal<number | null>(null);
  protected readonly q = signal('');
  protected readonly papers = signal<PaperSummary[]>([]);
  protected readonly loaded = signal(false);

  constructor() {
    // Re-query whenever a filter changes; the library is small, so no debounce is needed.
    effect((onCleanup) => {
      const sub = this.api
        .list({
          subject: this.subject(),
          stage: this.stage(),
          grade: this.grade(),
          year: this.year(),
          q: this.q(),
        })
        .subscribe((list) => {
          this.papers.set(list);
          this.loaded.set(true);
        });
      onCleanup(() => sub.unsubscribe());
    });
  }

  /** A grade outside the newly chosen stage would match nothing: it is cleared. */
  protected setStage(stage: string) {
    this.stage.set(stage);
    const g = this.grade();
    if (g !== null && !this.grades().includes(g)) this.grade.set(null);
  }
}
