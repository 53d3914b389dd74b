import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { auditStore } from './admin.store';
import { AUDIT_ACTIONS, describeEvent } from './audit-describe';

@Component({
  selector: 'yj-audit-log',
  imports: [FormsModule, DatePipe, MatFormFieldModule, MatInputModule, MatSelectModule, TPipe],
  template: `
    <h1>{{ 'admin.audit' | t }}</h1>
    <div class="filters" role="search" [attr.aria-label]="'audit.filterAria' | t">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.username' | t }}</mat-label>
        <input matInput [ngModel]="user()" (ngModelChange)="user.set($event)" name="user" />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'admin.action' | t }}</mat-label>
        <mat-select [ngModel]="action()" (ngModelChange)="action.set($event)" name="action">
          <mat-option value="">{{ 'papers.filter.all' | t }}</mat-option>
          @for (a of actions; track a) {
            <mat-option [value]="a">{{ 'audit.action.' + a | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'admin.from' | t }}</mat-label>
        <input
          matInput
          type="date"
          [ngModel]="from()"
          (ngModelChange)="from.set($event)"
          name="from"
        />
      </mat-form-field>
    </div>
    <p class="muted">{{ 'admin.events' | t: { n: total() } }}</p>
    <table class="table">
      <thead>
        <tr>
          <th>{{ 'audit.col.time' | t }}</th>
          <th>{{ 'audit.col.who' | t }}</th>
          <th>{{ 'audit.col.action' | t }}</th>
          <th>{{ 'audit.col.target' | t }}</th>
          <th>{{ 'audit.col.details' | t }}</th>
          <th>{{ 'audit.col.address' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (e of lines(); track e.key) {
          <tr>
            <td class="nowrap">{{ e.at | date: 'yyyy-MM-dd HH:mm:ss' }}</td>
            <td>{{ e.who }}</td>
            <td>
              <b>{{ e.action }}</b>
            </td>
            <td>{{ e.target }}</td>
            <td class="small change">
              @for (d of e.details; track $index) {
                <div>{{ d }}</div>
              }
            </td>
            <td class="small muted">{{ e.address }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .filters {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      font-size: 14px;
    }
    th {
      text-align: left;
      font-weight: 500;
      color: var(--mat-sys-on-surface-variant);
    }
    th,
    td {
      padding: 5px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    .small {
      font-size: 12px;
    }
    .nowrap {
      white-space: nowrap;
    }
    .change {
      max-width: 360px;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogComponent {
  private readonly i18n = inject(I18nService);
  private readonly store = auditStore();
  protected readonly actions = AUDIT_ACTIONS;
  protected readonly user = this.store.user;
  protected readonly action = this.store.action;
  protected readonly from = this.store.from;
  protected readonly total = this.store.total;
  /** Worded again when the language changes. */
  protected readonly lines = computed(() => {
    this.i18n.lang();
    const t = (key: string, params?: Record<string, string | number>) => this.i18n.t(key, params);
    return this.store.events().map((e) => describeEvent(e, this.store.names(), t));
  });
}
