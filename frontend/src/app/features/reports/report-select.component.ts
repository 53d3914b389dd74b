import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';

export interface SelectOption {
  id: string;
  label: string;
}

/**
 * One of the report's selects (round, scoring source, judge, runs, models, papers, …): a labelled
 * Material select, single or multiple. `hint` ("（默认全部）") follows the label only while nothing
 * is chosen, since once something is, the default no longer applies; `empty` is the single
 * select's "none chosen" option. The label is also the select's accessible name.
 */
@Component({
  selector: 'yj-report-select',
  imports: [FormsModule, MatFormFieldModule, MatSelectModule, TPipe],
  template: `
    <mat-form-field subscriptSizing="dynamic" [style.width.px]="width()">
      <mat-label>{{ fullLabel() }}</mat-label>
      <mat-select
        [multiple]="multiple()"
        [ngModel]="value()"
        (ngModelChange)="value.set($event)"
        [attr.data-testid]="testId() || null"
      >
        @if (!multiple() && empty()) {
          <mat-option value="">{{ empty() | t }}</mat-option>
        }
        @for (o of options(); track o.id) {
          <mat-option [value]="o.id">{{ o.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportSelectComponent {
  private readonly i18n = inject(I18nService);
  /** Catalogue keys: the label, and the default's hint shown while nothing is chosen. */
  readonly label = input.required<string>();
  readonly hint = input('');
  readonly empty = input('');
  readonly options = input.required<SelectOption[]>();
  readonly multiple = input(false);
  readonly width = input(220);
  readonly testId = input('');
  /** A list of ids (multiple) or one id ('' for none). */
  readonly value = model<string | string[]>('');

  private readonly chosen = computed(() => {
    const v = this.value();
    return Array.isArray(v) ? v.length > 0 : !!v;
  });
  /** "学科（默认全部）" until a subject is chosen, then "学科": one catalogue key per part. */
  protected readonly fullLabel = computed(
    () =>
      this.i18n.t(this.label()) + (this.hint() && !this.chosen() ? this.i18n.t(this.hint()) : ''),
  );
}
