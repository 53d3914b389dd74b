import { DecimalPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TPipe } from '../../core/i18n/t.pipe';
import { QualityApiService, QuestionMonitor, SettledAnswer } from './quality-api.service';

/**
 * For seniors and admins: per teacher on a question, speed, generosity, steadiness, agreement and
 * calibration error, with flags; and the settled answers to turn into calibration items.
 */
@Component({
  selector: 'yj-monitor',
  imports: [
    FormsModule,
    DecimalPipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TPipe,
  ],
  template: `
    <h1>{{ 'quality.title' | t }}</h1>
    <div class="bar">
      <mat-form-field subscriptSizing="dynamic" class="pick">
        <mat-label>{{ 'quality.question' | t }}</mat-label>
        <mat-select
          [ngModel]="questionId()"
          (ngModelChange)="questionId.set($event)"
          name="question"
        >
          @for (q of questions() ?? []; track q.questionId) {
            <mat-option [value]="q.questionId"
              >{{ 'subject.' + q.subject | t }} · {{ q.paperTitle }} · {{ q.number }} ({{
                q.done
              }}/{{ q.total }})</mat-option
            >
          }
        </mat-select>
      </mat-form-field>
      @if (questionId()) {
        <a mat-stroked-button [routerLink]="['/quality/rubric', questionId()]">{{
          'quality.editRubric' | t
        }}</a>
      }
      <!-- the judge section: the same questions, the AI judge against these teachers -->
      <a mat-stroked-button routerLink="/quality/judge">{{ 'nav.judge' | t }}</a>
    </div>
    @if (monitor(); as m) {
      <p class="muted">
        {{
          'quality.summary'
            | t: { max: m.maxPoints, mean: fmt(m.mean), sd: fmt(m.sd), n: m.teachers.length }
        }}
      </p>
      <table class="grid">
        <thead>
          <tr>
            <th>{{ 'quality.teacher' | t }}</th>
            <th class="num">{{ 'quality.count' | t }}</th>
            <th class="num">{{ 'quality.seconds' | t }}</th>
            <th class="num">{{ 'quality.mean' | t }}</th>
            <th class="num">{{ 'quality.drift' | t }}</th>
            <th class="num">{{ 'quality.thirdRate' | t }}</th>
            <th class="num">{{ 'quality.agreement' | t }}</th>
            <th class="num">{{ 'quality.calibration' | t }}</th>
            <th>{{ 'quality.flags' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (s of m.teachers; track s.marker) {
            <tr [class.flagged]="s.flags.length">
              <td>{{ s.marker }}</td>
              <td class="num">{{ s.count }}</td>
              <td class="num">{{ fmt(s.medianSeconds, 1) }}</td>
              <td class="num">
                {{ fmt(s.mean) }} <small class="muted">± {{ fmt(s.sd) }}</small>
              </td>
              <td class="num">{{ fmt(s.earlyMean) }} → {{ fmt(s.lateMean) }}</td>
              <td class="num">
                {{
                  s.thirdReadRate === null ? '—' : (s.thirdReadRate * 100 | number: '1.0-0') + '%'
                }}
              </td>
              <td class="num">
                @if (s.agreement.n) {
                  QWK {{ fmt(s.agreement.qwk) }}
                  <small class="muted"
                    >· {{ pct(s.agreement.exact) }} / {{ pct(s.agreement.adjacent) }} ·
                    {{ s.agreement.n }}</small
                  >
                } @else {
                  —
                }
              </td>
              <td class="num">
                @if (s.calibration.n) {
                  ±{{ fmt(s.calibration.meanAbsoluteError) }}
                  <small class="muted">· {{ s.calibration.n }}</small>
                } @else {
                  —
                }
              </td>
              <td>
                @for (f of s.flags; track f) {
                  <span class="flag">{{ 'quality.flag.' + f | t }}</span>
                }
              </td>
            </tr>
          } @empty {
            <tr>
              <td colspan="9" class="muted">{{ 'quality.noMarks' | t }}</td>
            </tr>
          }
        </tbody>
      </table>
      <p class="muted legend">{{ 'quality.legend' | t }}</p>

      <h2>{{ 'quality.calibrationItems' | t }}</h2>
      <p class="muted">{{ 'quality.calibrationHint' | t }}</p>
      @if (error()) {
        <p class="bad" role="alert">{{ error() }}</p>
      }
      <table class="grid">
        <tbody>
          @for (a of answers(); track a.taskId) {
            <tr>
              <td class="excerpt">{{ a.excerpt }}</td>
              <td class="num">{{ 'quality.final' | t: { n: a.finalScore } }}</td>
              <td class="num">
                @if (a.isCalibration) {
                  <span class="cal">{{
                    'quality.isCalibration'
                      | t: { n: a.expertScore ?? '', reads: a.calibrationReads }
                  }}</span>
                } @else {
                  <input
                    type="number"
                    min="0"
                    [max]="m.maxPoints"
                    step="0.5"
                    #expert
                    [attr.aria-label]="'quality.expertScore' | t"
                  />
                  <button mat-button (click)="calibrate(a, expert.value)">
                    {{ 'quality.makeCalibration' | t }}
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .bar {
      display: flex;
      gap: 12px;
      align-items: center;
    }
    .pick {
      width: min(640px, 100%);
    }
    .grid {
      width: 100%;
      border-collapse: collapse;
      font-size: 13px;
      margin: 8px 0 16px;
    }
    th,
    td {
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .flagged {
      background: #fff8e1;
    }
    .flag {
      display: inline-block;
      margin: 0 4px 2px 0;
      padding: 1px 8px;
      border-radius: 10px;
      background: #ffebee;
      color: #b71c1c;
      font-size: 12px;
    }
    .cal {
      color: #0d47a1;
    }
    .excerpt {
      max-width: 640px;
      white-space: pre-wrap;
    }
    input {
      width: 64px;
    }
    .legend {
      font-size: 12px;
    }
    .bad {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonitorComponent {
  private readonly api = inject(QualityApiService);
  protected readonly questions = toSignal(this.api.questions());
  protected readonly questionId = signal('');
  protected readonly monitor = signal<QuestionMonitor | null>(null);
  protected readonly answers = signal<SettledAnswer[]>([]);
  protected readonly error = signal('');

  constructor() {
    effect(() => {
      // Open on the question with the most marking done: that is where there is something to watch.
      const busiest = [...(this.questions() ?? [])].sort((a, b) => b.done - a.done)[0]?.questionId;
      if (busiest && !this.questionId()) this.questionId.set(busiest);
    });
    effect((onCleanup) => {
      const id = this.questionId();
      if (!id) return;
      const a = this.api.monitor(id).subscribe((m) => this.monitor.set(m));
      const b = this.api.answers(id).subscribe((x) => this.answers.set(x));
      onCleanup(() => {
        a.unsubscribe();
        b.unsubscribe();
      });
    });
  }

  protected fmt(x: number | null, digits = 2): string {
    return x === null ? '—' : x.toFixed(digits);
  }

  protected pct(x: number | null): string {
    return x === null ? '—' : `${Math.round(x * 100)}%`;
  }

  protected calibrate(a: SettledAnswer, value: string) {
    this.error.set('');
    if (value.trim() === '') return this.error.set('expert score?');
    this.api.makeCalibration(a.taskId, Number(value)).subscribe({
      next: () => this.api.answers(this.questionId()).subscribe((x) => this.answers.set(x)),
      error: (e: HttpErrorResponse) => this.error.set(e.error?.message ?? e.message),
    });
  }
}
