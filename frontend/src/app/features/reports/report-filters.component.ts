import { ChangeDetectionStrategy, Component, computed, inject, model } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { PapersApiService } from '../papers/papers-api.service';
import { SUBJECTS } from '../papers/papers.models';
import { RunsApiService } from '../runs/runs-api.service';
import { ReportFilter, ReportsApiService } from './reports-api.service';

type Key = keyof ReportFilter;

/** The report's filters: runs, models, papers, cohorts and subjects, each sent to the API. */
@Component({
  selector: 'yj-report-filters',
  imports: [FormsModule, MatFormFieldModule, MatSelectModule, TPipe],
  template: `
    @for (f of menus(); track f.key) {
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ f.label | t }}</mat-label>
        <mat-select
          multiple
          [ngModel]="filter()[f.key] ?? []"
          (ngModelChange)="set(f.key, $event)"
          [attr.aria-label]="f.label | t"
        >
          @for (o of f.options; track o.id) {
            <mat-option [value]="o.id">{{ o.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    mat-form-field {
      width: 220px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFiltersComponent {
  readonly filter = model.required<ReportFilter>();
  private readonly i18n = inject(I18nService);
  private readonly runsApi = inject(RunsApiService);
  private readonly runs = toSignal(this.runsApi.runs());
  private readonly models = toSignal(this.runsApi.models());
  private readonly papers = toSignal(inject(PapersApiService).list({}));
  private readonly cohorts = toSignal(inject(ReportsApiService).cohorts());

  protected readonly menus = computed<
    { key: Key; label: string; options: { id: string; label: string }[] }[]
  >(() => [
    {
      key: 'runIds',
      label: 'report.runs',
      options: (this.runs() ?? []).map((r) => ({ id: r.id, label: r.name })),
    },
    {
      key: 'modelIds',
      label: 'report.models',
      options: (this.models() ?? []).map((m) => ({ id: m.id, label: m.name })),
    },
    {
      key: 'paperVersionIds',
      label: 'report.papers',
      options: (this.papers() ?? []).map((p) => ({
        id: p.id,
        label: `${this.i18n.t(`subject.${p.subject}`)} · ${p.title}`,
      })),
    },
    {
      key: 'cohortIds',
      label: 'report.cohortFilter',
      // A synthetic cohort is named by the server; it is described here in the reader's language.
      options: (this.cohorts() ?? []).map((c) => ({
        id: c.id,
        label: this.i18n.t(
          c.isSynthetic ? 'report.cohortOption.synthetic' : 'report.cohortOption',
          {
            paper: c.paperTitle,
            name: c.name,
            n: c.students,
          },
        ),
      })),
    },
    {
      key: 'subjects',
      label: 'report.subjects',
      options: SUBJECTS.map((s) => ({ id: s, label: this.i18n.t(`subject.${s}`) })),
    },
  ]);

  protected set(key: Key, ids: string[]) {
    this.filter.update((f) => ({ ...f, [key]: ids }));
  }
}
