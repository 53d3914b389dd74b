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
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { AuthService } from '../../core/auth/auth.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { PapersApiService } from './papers-api.service';
import { PaperSummary, SUBJECTS } from './papers.models';
import { libraryOrder, subjectLabelKey } from './library-order';

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
        <mat-select [ngModel]="subject()" (ngModelChange)="setSubject($event)" name="subject">
          <mat-option value="">{{ 'papers.filter.all' | t }}</mat-option>
          @for (s of subjects; track s) {
            <!-- politics holds 道德与法治 below senior high (exam-papers/README.md): the option says both -->
            <mat-option [value]="s">{{
              (s === 'politics' ? 'library.subject.politicsFilter' : 'subject.' + s) | t
            }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="stage">
        <mat-label>{{ 'papers.filter.stage' | t }}</mat-label>
        <mat-select [ngModel]="stage()" (ngModelChange)="setStage($event)" name="stage">
          <mat-option value="">{{ 'papers.filter.all' | t }}</mat-option>
          @for (s of stageOptions(); track s.value) {
            <mat-option [value]="s.value" [disabled]="!s.count && s.value !== stage()">{{
              'library.optionCount' | t: { label: ('stage.' + s.value | t), n: s.count }
            }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" class="medium">
        <mat-label>{{ 'papers.filter.grade' | t }}</mat-label>
        <mat-select [ngModel]="grade()" (ngModelChange)="setGrade($event)" name="grade">
          <mat-option [value]="null">{{ 'papers.filter.all' | t }}</mat-option>
          <!-- Every grade of the stage with its count; one without papers is greyed, not hidden. -->
          @for (g of gradeOptions(); track g.value) {
            <mat-option [value]="g.value" [disabled]="!g.count && g.value !== grade()">{{
              'library.optionCount' | t: { label: ('paper.grade' | t: { n: g.value }), n: g.count }
            }}</mat-option>
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
          <td mat-cell *matCellDef="let p">{{ subjectKey(p) | t }}</td>
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
    /* "Senior secondary (24)": the English stage and its count, uncut */
    .stage {
      width: 240px;
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
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly subjects = SUBJECTS;
  protected readonly subjectKey = subjectLabelKey;
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
  /**
   * Subject, stage and grade live in the URL (?subject=&stage=&grade=): a filtered library can be
   * linked, reloaded, and walked back and forward. Year and search are typed, so they stay local
   * (a history entry per keystroke would make Back useless).
   */
  private readonly query = toSignal(this.route.queryParamMap, {
    initialValue: this.route.snapshot.queryParamMap,
  });
  protected readonly subject = computed(() => {
    const s = this.query().get('subject') ?? '';
    return (SUBJECTS as readonly string[]).includes(s) ? s : '';
  });
  protected readonly stage = computed(() => {
    const s = this.query().get('stage') ?? '';
    return Object.hasOwn(STAGE_GRADES, s) ? s : '';
  });
  protected readonly grade = computed(() => {
    const g = Number(this.query().get('grade') ?? NaN);
    return Number.isInteger(g) && g >= 1 && g <= 12 ? g : null;
  });
  protected readonly year = signal<number | null>(null);
  protected readonly q = signal('');
  private readonly listed = signal<PaperSummary[]>([]);
  /** In grade order within a year and subject (CMATH grade 1 before grade 2), see library-order.ts. */
  protected readonly papers = computed(() => libraryOrder(this.listed()));
  /** The papers matching every filter but stage and grade: what the stage and grade options count. */
  private readonly unstaged = signal<PaperSummary[]>([]);
  protected readonly stageOptions = computed(() =>
    Object.keys(STAGE_GRADES).map((value) => ({
      value,
      count: this.unstaged().filter((p) => p.stage === value).length,
    })),
  );
  protected readonly gradeOptions = computed(() =>
    this.grades().map((value) => ({
      value,
      count: this.unstaged().filter(
        (p) => p.grade === value && (!this.stage() || p.stage === this.stage()),
      ).length,
    })),
  );
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
          this.listed.set(list);
          this.loaded.set(true);
        });
      onCleanup(() => sub.unsubscribe());
    });
    effect((onCleanup) => {
      const sub = this.api
        .list({ subject: this.subject(), year: this.year(), q: this.q() })
        .subscribe((list) => this.unstaged.set(list));
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected setSubject(subject: string) {
    this.navigate({ subject: subject || null });
  }

  /** A grade outside the newly chosen stage would match nothing: it is cleared. */
  protected setStage(stage: string) {
    const g = this.grade();
    const keep = g !== null && (STAGE_GRADES[stage] ?? ALL_GRADES).includes(g);
    this.navigate({ stage: stage || null, grade: keep ? g : null });
  }

  protected setGrade(grade: number | null) {
    this.navigate({ grade });
  }

  /** Each choice is a history entry, so Back undoes it; a cleared filter leaves the URL. */
  private navigate(params: Params) {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
    });
  }
}
