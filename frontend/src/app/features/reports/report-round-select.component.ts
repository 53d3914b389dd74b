import { ChangeDetectionStrategy, Component, inject, model } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../core/i18n/t.pipe';
import { ReportFilter, ReportsApiService } from './reports-api.service';

/** The report's round: one evaluation round, or every run (the findings then take the latest round). */
@Component({
  selector: 'yj-report-round-select',
  imports: [FormsModule, MatFormFieldModule, MatSelectModule, TPipe],
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ 'report.round' | t }}</mat-label>
      <mat-select
        [ngModel]="filter().roundId ?? ''"
        (ngModelChange)="set($event)"
        [attr.aria-label]="'report.round' | t"
        data-testid="round-select"
      >
        <mat-option value="">{{ 'report.round.latest' | t }}</mat-option>
        @for (r of rounds() ?? []; track r.id) {
          <mat-option [value]="r.id">{{
            'report.round.option' | t: { name: r.name, date: r.heldOn }
          }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
    mat-form-field {
      width: 260px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportRoundSelectComponent {
  readonly filter = model.required<ReportFilter>();
  protected readonly rounds = toSignal(inject(ReportsApiService).rounds());

  protected set(id: string) {
    this.filter.update((f) => ({ ...f, roundId: id || undefined }));
  }
}
