import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { latestValue } from '../../shared/data/latest-value';
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
  templateUrl: './paper-library.component.html',
  styleUrl: './paper-library.component.css',
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
  /** In grade order within a year and subject (CMATH grade 1 before grade 2), see library-order.ts. */
  protected readonly papers = computed(() => libraryOrder(this.listed()));
  /** The library under every filter; re-asked whenever one changes (the library is small: no debounce). */
  private readonly listResource = rxResource({
    params: () => ({
      subject: this.subject(),
      stage: this.stage(),
      grade: this.grade(),
      year: this.year(),
      q: this.q(),
    }),
    stream: ({ params }) => this.api.list(params),
  });
  private readonly listed = latestValue<PaperSummary[]>(this.listResource, []);
  /** The papers matching every filter but stage and grade: what the stage and grade options count. */
  private readonly unstaged = latestValue<PaperSummary[]>(
    rxResource({
      params: () => ({ subject: this.subject(), year: this.year(), q: this.q() }),
      stream: ({ params }) => this.api.list(params),
    }),
    [],
  );
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
  /** The first answer is in (an empty library says so only then). */
  protected readonly loaded = computed(
    () => this.listResource.hasValue() || this.listed().length > 0,
  );

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
