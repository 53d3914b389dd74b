import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { FindingSection, findingText, restsOnText, sectionOf } from './report-findings-text';
import { sliceRank } from './report-labels';
import { Finding, Findings, ReportFilter, ReportsApiService } from './reports-api.service';

const SECTIONS: FindingSection[] = ['vsStudents', 'change', 'subjects', 'gap'];

/**
 * The headline findings of the chosen round and cohorts, at the top of the report: each a sentence
 * with its figures and interval, what it rests on, and a click to the answers behind it.
 */
@Component({
  selector: 'yj-report-findings',
  imports: [TPipe, RouterLink, NgTemplateOutlet],
  template: `
    <section class="findings" data-testid="findings" [attr.aria-busy]="loading()">
      <div class="head">
        <h2>{{ 'finding.title' | t }}</h2>
        @if (data()?.round; as r) {
          <span class="round">{{ 'finding.roundOf' | t: { name: r.name, date: r.heldOn } }}</span>
          <span class="muted">
            @if (data()!.previous; as p) {
              {{ 'finding.previous' | t: { name: p.name, date: p.heldOn } }}
            } @else {
              {{ 'finding.noPrevious' | t }}
            }
          </span>
        }
        <span class="spacer"></span>
        @if (data()?.round) {
          <a class="no-print" [href]="csvUrl()" download data-testid="findings-csv">{{
            'finding.exportCsv' | t
          }}</a>
        }
        <a class="no-print" routerLink="/reports/rounds">{{ 'finding.manageRounds' | t }}</a>
      </div>
      @if (data(); as d) {
        @if (!d.round) {
          <p class="muted">{{ 'finding.noRound' | t }}</p>
        } @else if (!hasFigures()) {
          <p class="muted">{{ 'finding.noFindings' | t }}</p>
        } @else {
          <p class="caveat" role="note" data-testid="findings-scope">
            {{ 'finding.caveat.scope' | t }}
          </p>
          @if (synthetic()) {
            <p class="caveat" role="note" data-testid="findings-synthetic">
              {{ 'finding.caveat.synthetic' | t }}
            </p>
          }
          @if (pending() > 0) {
            <p class="caveat" role="note" data-testid="findings-pending">
              {{ 'finding.caveat.pending' | t: { points: pending() } }}
            </p>
          }
          @for (s of sections(); track s.key) {
            <h3>{{ 'finding.section.' + s.key | t }}</h3>
            @if (s.key === 'subjects') {
              <!-- Two lines (some model above the students / none), each subject opening its answers; the sentences fold below. -->
              @for (g of subjectGroups(); track g.code) {
                <p class="subjects" [attr.data-testid]="g.code">
                  {{ g.code + '.summary' | t }}
                  @for (f of g.items; track $index) {
                    <button type="button" class="chip" (click)="emit(f)">
                      {{ subjectName(f) }}
                    </button>
                  }
                </p>
              }
              <details>
                <summary>{{ 'finding.subjects.details' | t }}</summary>
                <ng-container *ngTemplateOutlet="list; context: { $implicit: s.items }" />
              </details>
            } @else {
              <ng-container *ngTemplateOutlet="list; context: { $implicit: s.items }" />
            }
          }
          <p class="muted method">
            {{ 'finding.method' | t: { b: d.method.replicates, seed: d.method.seed } }}
            {{ 'finding.openHint' | t }}
          </p>
        }
      }
    </section>
    <ng-template #list let-items>
      <ul>
        @for (f of $any(items); track $index) {
          <li [class]="verdictClass(f)">
            @if (f.drill) {
              <button type="button" class="sentence" (click)="emit(f)">{{ text(f) }}</button>
            } @else {
              <span class="sentence">{{ text(f) }}</span>
            }
            @if (f.restsOn.cohorts) {
              <small class="muted rests">{{ rests(f) }}</small>
            }
          </li>
        }
      </ul>
    </ng-template>
  `,
  styles: `
    .findings {
      margin: 12px 0 24px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low, #fafafa);
    }
    .head {
      display: flex;
      align-items: baseline;
      gap: 12px;
      flex-wrap: wrap;
    }
    .spacer {
      flex: 1;
    }
    h2 {
      font-size: 18px;
      margin: 0;
    }
    .round {
      font-weight: 500;
    }
    h3 {
      font-size: 14px;
      margin: 12px 0 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    /* No list bullets: a button never lays out inline, so a bullet would sit by its last line. A bar
       in the verdict's colour instead: blue above or up, red below or down, grey no difference. */
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      margin: 6px 0;
      padding-left: 10px;
      border-left: 3px solid #616161;
      line-height: 1.5;
    }
    li.above,
    li.up {
      border-left-color: #1565c0;
    }
    li.below,
    li.down {
      border-left-color: #c62828;
    }
    .sentence {
      font: inherit;
      color: inherit;
      text-align: left;
      background: none;
      border: 0;
      padding: 0;
    }
    button.sentence {
      display: inline;
      cursor: pointer;
      text-decoration: underline dotted;
      text-underline-offset: 3px;
    }
    button.sentence:hover {
      color: var(--mat-sys-primary);
    }
    summary {
      cursor: pointer;
      font-size: 13px;
      color: var(--mat-sys-primary);
      margin: 2px 0;
    }
    .subjects {
      margin: 4px 0;
    }
    .chip {
      font: inherit;
      margin: 2px;
      padding: 0 8px;
      border-radius: 10px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
      color: inherit;
      cursor: pointer;
    }
    [data-testid='finding.subject.some_above'] .chip {
      border-color: #1565c0;
      color: #0d47a1;
      font-weight: 500;
    }
    .rests {
      display: block;
      font-size: 12px;
    }
    .caveat {
      margin: 8px 0;
      padding: 8px 12px;
      border-radius: 6px;
      background: #fff3e0;
      color: #8a4b00;
      border: 1px solid #ffcc80;
      font-weight: 500;
    }
    .method {
      font-size: 12px;
      margin: 10px 0 0;
    }
    @media print {
      .no-print {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFindingsComponent {
  readonly filter = input.required<ReportFilter>();
  readonly open = output<{ finding: Finding; title: string }>();
  private readonly api = inject(ReportsApiService);
  private readonly i18n = inject(I18nService);
  protected readonly data = signal<Findings | null>(null);
  protected readonly loading = signal(false);
  private readonly t = (key: string, params?: Record<string, string | number>) =>
    this.i18n.t(key, params);

  /** Subjects where some model is above the students, then those where none is, in the catalogue's order. */
  protected readonly subjectGroups = computed(() => {
    const fs = (this.data()?.findings ?? []).filter((f) => sectionOf(f.code) === 'subjects');
    const rank = (f: Finding) => sliceRank('subject', String(f.params['subject']));
    return ['finding.subject.some_above', 'finding.subject.none_above']
      .map((code) => ({
        code,
        items: fs.filter((f) => f.code === code).sort((a, b) => rank(a) - rank(b)),
      }))
      .filter((g) => g.items.length);
  });
  protected readonly sections = computed(() => {
    const fs = this.data()?.findings ?? [];
    const subjects = this.subjectGroups().flatMap((g) => g.items);
    return SECTIONS.map((key) => ({
      key,
      items: key === 'subjects' ? subjects : fs.filter((f) => sectionOf(f.code) === key),
    })).filter((s) => s.items.length);
  });
  /** Findings with figures (not only "no earlier round" or "index unavailable"). */
  protected readonly hasFigures = computed(() =>
    (this.data()?.findings ?? []).some((f) => f.restsOn.cohorts > 0),
  );
  protected readonly synthetic = computed(() =>
    (this.data()?.findings ?? []).some((f) => f.restsOn.synthetic),
  );
  /** Pending points of the round, from the combined findings of each model (they cover every paper). */
  protected readonly pending = computed(() =>
    Math.round(
      (this.data()?.findings ?? [])
        .filter(
          (f) =>
            f.code.startsWith('finding.model_vs_students.') && f.params['dimension'] === 'overall',
        )
        .reduce((a, f) => a + f.restsOn.pendingPoints, 0),
    ),
  );

  constructor() {
    effect((onCleanup) => {
      const f = this.filter();
      this.loading.set(true);
      const sub = this.api.findings({ roundId: f.roundId, cohortIds: f.cohortIds }).subscribe({
        next: (d) => {
          this.data.set(d);
          this.loading.set(false);
        },
        error: () => this.loading.set(false),
      });
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected text(f: Finding) {
    // Read the language so the sentence is re-worded when it changes.
    this.i18n.lang();
    return findingText(this.t, f);
  }

  protected rests(f: Finding) {
    this.i18n.lang();
    return restsOnText(this.t, f);
  }

  /** The same findings as a table (codes, figures, intervals, what each rests on). */
  protected csvUrl() {
    const r = this.data()?.round;
    const cohorts = this.filter().cohortIds ?? [];
    const q = new URLSearchParams();
    if (r) q.set('roundId', r.id);
    if (cohorts.length) q.set('cohortIds', cohorts.join(','));
    return `/api/reports/findings.csv?${q}`;
  }

  protected emit(f: Finding) {
    this.open.emit({ finding: f, title: this.text(f) });
  }

  protected subjectName(f: Finding) {
    return this.i18n.t(`subject.${f.params['subject']}`);
  }

  protected verdictClass(f: Finding) {
    return f.code.split('.').pop() ?? '';
  }
}
