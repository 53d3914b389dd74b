import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { I18nService } from '../../core/i18n/i18n.service';
import { PapersApiService } from '../papers/papers-api.service';
import { FILTER_SUBJECTS as SUBJECTS } from '@yuejuan/contracts';
import { RunsApiService } from '../runs/runs-api.service';
import { ReportSelectComponent, SelectOption } from './report-select.component';
import { ReportStore } from './report.store';
import { ReportFilter, ScoringSource } from './reports-api.service';
import { subjectLabel } from './report-labels';

const LIST_KEYS = [
  'runIds',
  'modelIds',
  'paperVersionIds',
  'cohortIds',
  'subjects',
  'stages',
  'grades',
] as const;
type ListKey = (typeof LIST_KEYS)[number];
interface Menu {
  key: ListKey;
  label: string;
  hint: string;
  options: SelectOption[];
}

const SOURCES: ScoringSource[] = ['teachers', 'teachers_else_validated_judge', 'judge_only'];
const STAGES = ['primary', 'junior', 'senior'];
const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * The report's filters, each sent to the API with the report and the headline findings: the
 * round, runs, models, papers, cohorts, subjects, stages, grades, and whose scores count (with the
 * judge when a judge counts). Every select is the one generic select of the report.
 */
@Component({
  selector: 'yj-report-filters',
  imports: [ReportSelectComponent],
  template: `
    <yj-report-select
      label="report.round"
      empty="report.round.latest"
      [options]="roundOptions()"
      [width]="260"
      testId="round-select"
      [value]="filter().roundId ?? ''"
      (valueChange)="store.update({ roundId: $any($event) || undefined })"
    />
    @for (m of menus(); track m.key) {
      <yj-report-select
        [label]="m.label"
        [hint]="m.hint"
        [options]="m.options"
        [multiple]="true"
        [value]="listValues()[m.key]"
        (valueChange)="setList(m.key, $any($event))"
      />
    }
    <yj-report-select
      label="report.scoring.label"
      [options]="sourceOptions()"
      [width]="340"
      testId="scoring-select"
      [value]="filter().scoringSource ?? 'teachers'"
      (valueChange)="setSource($any($event))"
    />
    @if ((filter().scoringSource ?? 'teachers') !== 'teachers') {
      <yj-report-select
        label="report.scoring.judge"
        empty="report.scoring.judgeAuto"
        [options]="judgeOptions()"
        [width]="340"
        testId="scoring-judge"
        [value]="judgeKey()"
        (valueChange)="setJudge($any($event))"
      />
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFiltersComponent {
  protected readonly store = inject(ReportStore);
  private readonly i18n = inject(I18nService);
  private readonly runsApi = inject(RunsApiService);
  private readonly runs = toSignal(this.runsApi.runs());
  private readonly models = toSignal(this.runsApi.models());
  private readonly papers = toSignal(inject(PapersApiService).list({}));
  protected readonly filter = this.store.filter;

  protected readonly roundOptions = computed(() =>
    this.store.rounds().map((r) => ({
      id: r.id,
      label: this.i18n.t('report.round.option', { name: r.name, date: r.heldOn }),
    })),
  );
  protected readonly sourceOptions = computed(() =>
    SOURCES.map((s) => ({ id: s, label: this.i18n.t(`report.scoring.${s}`) })),
  );
  protected readonly judgeOptions = computed(() =>
    this.store.judges().map((j) => ({
      id: `${j.judgeModelId}|${j.templateVersion}`,
      label: `${j.name} · ${j.templateVersion}`,
    })),
  );

  protected readonly menus = computed<Menu[]>(() => [
    {
      key: 'runIds',
      label: 'report.filter.runs',
      hint: 'report.filter.allHint',
      options: (this.runs() ?? []).map((r) => ({ id: r.id, label: r.name })),
    },
    {
      key: 'modelIds',
      label: 'report.filter.models',
      hint: 'report.filter.allHint',
      // A simulated model is marked in the menu too (its answers were drawn by a script).
      options: (this.models() ?? []).map((m) => ({
        id: m.id,
        label: m.isSimulated ? `${m.name} · ${this.i18n.t('report.simulated.badge')}` : m.name,
      })),
    },
    {
      key: 'paperVersionIds',
      label: 'report.filter.papers',
      hint: 'report.filter.allHint',
      options: (this.papers() ?? []).map((p) => ({
        id: p.id,
        label: `${this.i18n.t(`subject.${p.subject}`)} · ${p.title}`,
      })),
    },
    {
      key: 'cohortIds',
      label: 'report.filter.cohorts',
      hint: 'report.filter.cohortsHint',
      // A synthetic cohort is named by the server; it is described here in the reader's language.
      options: this.store.cohorts().map((c) => ({
        id: c.id,
        label: this.i18n.t(
          c.isSynthetic ? 'report.cohortOption.synthetic' : 'report.cohortOption',
          { paper: c.paperTitle, name: c.name, n: c.students },
        ),
      })),
    },
    {
      key: 'subjects',
      label: 'report.filter.subjects',
      hint: 'report.filter.allHint',
      options: SUBJECTS.map((s) => ({ id: s, label: subjectLabel(this.i18n, s) })),
    },
    {
      key: 'stages',
      label: 'report.filter.stages',
      hint: 'report.filter.allHint',
      options: STAGES.map((s) => ({ id: s, label: this.i18n.t(`stage.${s}`) })),
    },
    {
      key: 'grades',
      label: 'report.filter.grades',
      hint: 'report.filter.allHint',
      options: GRADES.map((g) => ({
        id: String(g),
        label: this.i18n.t('report.gradeValue', { n: g }),
      })),
    },
  ]);

  /**
   * Each list filter's chosen ids, one array per filter change. A fresh array on every check would
   * be a new value for ngModel each time, which writes it back and checks again: the page hung.
   */
  protected readonly listValues = computed(() => {
    const f = this.filter();
    const out = {} as Record<ListKey, string[]>;
    for (const key of LIST_KEYS) out[key] = (f[key] ?? []).map(String);
    return out;
  });

  protected setList(key: ListKey, ids: string[]) {
    const patch: Partial<ReportFilter> =
      key === 'grades' ? { grades: ids.map(Number) } : { [key]: ids };
    this.store.update(patch);
  }

  protected judgeKey(): string {
    const f = this.filter();
    return f.judge ? `${f.judge}|${f.judgeTemplate ?? ''}` : '';
  }

  protected setSource(s: ScoringSource) {
    this.store.update({ scoringSource: s === 'teachers' ? undefined : s });
  }

  protected setJudge(key: string) {
    const [judge, judgeTemplate] = key ? key.split('|') : [undefined, undefined];
    this.store.update({ judge, judgeTemplate });
  }
}
