import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AuthService } from '../../core/auth/auth.service';
import { errorText } from '../../core/i18n/error-text';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { fmtEstimate, verdictParams } from './judge-format';
import {
  Judge,
  JudgeQualityApiService,
  JudgeQuestionDetail,
  JudgeQuestionRow,
  Thresholds,
  ValidationSample,
} from './judge-quality-api.service';
import { JudgeQuestionComponent } from './judge-question.component';

/**
 * The quality pages' judge section: per question the acceptance verdict with its figures, then one
 * question in full, and the researcher's "ask for a validation sample" (and a judge run over the
 * question's answers, where the judge can be called).
 */
@Component({
  selector: 'yj-judge-quality',
  imports: [
    FormsModule,
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TPipe,
    JudgeQuestionComponent,
  ],
  template: `
    <h1>{{ 'judgeq.title' | t }}</h1>
    <p class="muted intro">{{ 'judgeq.intro' | t }}</p>
    @if (judges(); as js) {
      @if (!js.length) {
        <p class="muted">{{ 'judgeq.noJudges' | t }}</p>
      } @else {
        <mat-form-field subscriptSizing="dynamic" class="pick">
          <mat-label>{{ 'judgeq.judge' | t }}</mat-label>
          <mat-select [ngModel]="judgeKey()" (ngModelChange)="judgeKey.set($event)" name="judge">
            @for (j of js; track keyOf(j)) {
              <mat-option [value]="keyOf(j)">
                {{
                  'judgeq.judgeOption'
                    | t
                      : {
                          name: j.name,
                          template: j.templateVersion,
                          answers: j.answers,
                          questions: j.questions,
                        }
                }}
                @if (j.isImported) {
                  ({{ 'judgeq.recorded' | t }})
                }
              </mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
    }
    @if (thresholds(); as th) {
      <p class="rule">
        {{
          'judgeq.rule'
            | t
              : {
                  minAnswers: th.minAnswers,
                  minHumanPairs: th.minHumanPairs,
                  margin: th.maxQwkDrop,
                  maxSmd: th.maxSmd,
                }
        }}
      </p>
    }
    @if (rows().length) {
      <p data-testid="judge-summary">
        {{ 'judgeq.summary' | t: { validated: validatedCount(), questions: rows().length } }}
      </p>
      <table class="grid" data-testid="judge-questions">
        <thead>
          <tr>
            <th>{{ 'judgeq.question' | t }}</th>
            <th class="num">{{ 'judgeq.compared' | t }}</th>
            <th class="num">{{ 'judgeq.qwkJudge' | t }}</th>
            <th class="num">{{ 'judgeq.qwkHuman' | t }}</th>
            <th class="num">{{ 'judgeq.smd' | t }}</th>
            <th>{{ 'judgeq.verdict' | t }}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (q of rows(); track q.questionId) {
            <tr [class.selected]="q.questionId === questionId()">
              <td>{{ 'subject.' + q.subject | t }} · {{ q.paperTitle }} · {{ q.number }}</td>
              <td class="num">{{ q.counts.compared }} / {{ q.counts.judged }}</td>
              <td class="num">{{ est(q.vsReadsOnDouble.qwk) }}</td>
              <td class="num">{{ est(q.humanHuman.qwk) }}</td>
              <td class="num">{{ est(q.vsFinal.smd) }}</td>
              <td>
                <span
                  class="badge"
                  [class.ok]="q.verdict.validated"
                  [title]="q.verdict.code | t: params(q)"
                  >{{
                    (q.verdict.validated ? 'judgeq.validated' : 'judgeq.notValidated') | t
                  }}</span
                >
                @if (!q.verdict.validated) {
                  <!-- why not, in the row: the reason is what the researcher acts on -->
                  <div class="why">{{ q.verdict.code | t: params(q) }}</div>
                }
              </td>
              <td>
                <button mat-button (click)="open(q.questionId)">
                  {{ 'judgeq.open' | t }}
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
    @if (detail(); as d) {
      <section class="detail">
        <h2>
          {{ 'subject.' + d.question.subject | t }} · {{ d.question.paperTitle }} ·
          {{ d.question.number }}
        </h2>
        <yj-judge-question [detail]="d" />
        @if (canSample()) {
          <h3>{{ 'judgeq.sample.title' | t }}</h3>
          <p class="muted">{{ 'judgeq.sample.hint' | t }}</p>
          <div class="bar">
            <mat-form-field subscriptSizing="dynamic" class="small">
              <mat-label>{{ 'judgeq.sample.perStratum' | t }}</mat-label>
              <input
                matInput
                type="number"
                min="1"
                max="500"
                [(ngModel)]="perStratum"
                name="perStratum"
              />
            </mat-form-field>
            <mat-form-field subscriptSizing="dynamic" class="small">
              <mat-label>{{ 'judgeq.sample.seed' | t }}</mat-label>
              <input matInput type="number" min="1" [(ngModel)]="seed" name="seed" />
            </mat-form-field>
            <button mat-flat-button (click)="requestSample(d.question.id)">
              {{ 'judgeq.sample.request' | t }}
            </button>
            @if (judge(); as j) {
              @if (j.isImported) {
                <span class="muted small">{{ 'judgeq.sample.recordedJudge' | t }}</span>
              } @else {
                <button mat-stroked-button (click)="startRun(j, d.question.id)">
                  {{ 'judgeq.sample.startRun' | t }}
                </button>
              }
            }
          </div>
          @if (message()) {
            <p role="status">{{ message() }}</p>
          }
          @if (error()) {
            <p class="bad" role="alert">{{ error() }}</p>
          }
          @if (samples().length) {
            <h4>{{ 'judgeq.sample.history' | t }}</h4>
            <ul class="samples">
              @for (s of samples(); track s.id) {
                <li>
                  {{
                    'judgeq.sample.row'
                      | t
                        : {
                            at: (s.requestedAt | date: 'yyyy-MM-dd HH:mm') ?? '',
                            by: s.requestedBy ?? '—',
                            seed: s.seed,
                            per: s.perStratum,
                            count: s.taskCount,
                            done: s.done,
                          }
                  }}
                  <span class="muted">
                    @for (st of s.strata; track st.stratum) {
                      ·
                      {{
                        'judgeq.sample.stratum'
                          | t
                            : {
                                stratum: stratumName(st.stratum),
                                sampled: st.sampled,
                                population: st.population,
                              }
                      }}
                    }
                  </span>
                </li>
              }
            </ul>
          }
        }
      </section>
    }
  `,
  styleUrl: './judge-quality.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JudgeQualityComponent {
  private readonly api = inject(JudgeQualityApiService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  protected readonly judges = toSignal(this.api.judges());
  protected readonly judgeKey = signal('');
  protected readonly judge = computed(
    () => (this.judges() ?? []).find((j) => this.keyOf(j) === this.judgeKey()) ?? null,
  );
  protected readonly rows = signal<JudgeQuestionRow[]>([]);
  protected readonly thresholds = signal<Thresholds | null>(null);
  protected readonly questionId = signal('');
  protected readonly validatedCount = computed(
    () => this.rows().filter((q) => q.verdict.validated).length,
  );

  /** Opens a question's detail below the list and brings it into view (the list can be long). */
  protected open(id: string) {
    this.questionId.set(id);
    setTimeout(
      () =>
        document
          .querySelector('section.detail')
          ?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
      300,
    );
  }
  protected readonly detail = signal<JudgeQuestionDetail | null>(null);
  protected readonly samples = signal<ValidationSample[]>([]);
  protected readonly message = signal('');
  protected readonly error = signal('');
  protected readonly canSample = computed(() => this.auth.hasAnyRole(['researcher', 'admin']));
  protected perStratum = 10;
  protected seed: number | null = null;
  protected est = fmtEstimate;

  constructor() {
    effect(() => {
      const first = this.judges()?.[0];
      if (first && !this.judgeKey()) this.judgeKey.set(this.keyOf(first));
    });
    effect((onCleanup) => {
      const j = this.judge();
      if (!j) return;
      const s = this.api.questions(j).subscribe((r) => {
        this.rows.set(r.questions);
        this.thresholds.set(r.thresholds);
        if (!r.questions.some((q) => q.questionId === this.questionId()))
          this.questionId.set(r.questions[0]?.questionId ?? '');
      });
      onCleanup(() => s.unsubscribe());
    });
    effect((onCleanup) => {
      const j = this.judge();
      const id = this.questionId();
      this.message.set('');
      this.error.set('');
      if (!j || !id) return this.detail.set(null);
      const a = this.api.question(j, id).subscribe((d) => this.detail.set(d));
      const b = this.canSample()
        ? this.api.samples(id).subscribe((s) => this.samples.set(s))
        : null;
      onCleanup(() => {
        a.unsubscribe();
        b?.unsubscribe();
      });
    });
  }

  protected keyOf(j: Judge): string {
    return `${j.judgeModelId}|${j.templateVersion}`;
  }

  protected params(q: JudgeQuestionRow) {
    return verdictParams(q.verdict.params);
  }

  /** "model:<id>" names the model for researchers; "student" is the students. */
  protected stratumName(stratum: string): string {
    if (stratum === 'student') return this.i18n.t('judgeq.stratum.student');
    const id = stratum.replace(/^model:/, '');
    return (
      this.detail()?.slices.find((s) => s.kind === 'model' && s.value === id)?.label ??
      id.slice(0, 8)
    );
  }

  protected requestSample(questionId: string) {
    this.message.set('');
    this.error.set('');
    this.api
      .requestSample(questionId, Number(this.perStratum), this.seed ? Number(this.seed) : undefined)
      .subscribe({
        next: (s) => {
          this.message.set(this.i18n.t('judgeq.sample.done', { n: s.taskCount, seed: s.seed }));
          this.api.samples(questionId).subscribe((x) => this.samples.set(x));
        },
        error: (e) => this.error.set(errorText(this.i18n, e)),
      });
  }

  protected startRun(j: Judge, questionId: string) {
    this.message.set('');
    this.error.set('');
    this.api.startJudgeRun(j.judgeModelId, questionId).subscribe({
      next: () => this.message.set(this.i18n.t('judgeq.sample.runStarted')),
      error: (e) => this.error.set(errorText(this.i18n, e)),
    });
  }
}
