import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TPipe } from '../../core/i18n/t.pipe';
import { AdminApiService, AuditEvent } from './admin-api.service';

const ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'password_change',
  'password_reset',
  'user_create',
  'user_update',
  'assignment_add',
  'assignment_remove',
  'paper_import',
  'paper_publish',
  'pdf_upload',
];

@Component({
  selector: 'yj-audit-log',
  imports: [
    FormsModule,
    DatePipe,
    JsonPipe,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TPipe,
  ],
  template: `
    <h1>{{ 'admin.audit' | t }}</h1>
    <div class="filters">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.username' | t }}</mat-label>
        <input matInput [ngModel]="user()" (ngModelChange)="user.set($event)" name="user" />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'admin.action' | t }}</mat-label>
        <mat-select [ngModel]="action()" (ngModelChange)="action.set($event)" name="action">
          <mat-option value="">{{ 'papers.filter.all' | t }}</mat-option>
          @for (a of actions; track a) {
            <mat-option [value]="a">{{ a }}</mat-option>
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
      <tbody>
        @for (e of events(); track e.id) {
          <tr>
            <td class="nowrap">{{ e.at | date: 'yyyy-MM-dd HH:mm:ss' }}</td>
            <td>
              <code>{{ e.actorName }}</code>
            </td>
            <td>
              <b>{{ e.action }}</b>
            </td>
            <td class="small">{{ e.entityType }} {{ e.entityId?.slice(0, 8) }}</td>
            <td class="small change">
              @if (e.before) {
                <span>{{ e.before | json }}</span> →
              }
              @if (e.after) {
                <span>{{ e.after | json }}</span>
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
  private readonly api = inject(AdminApiService);
  protected readonly actions = ACTIONS;
  protected readonly user = signal('');
  protected readonly action = signal('');
  protected readonly from = signal('');
  protected readonly events = signal<AuditEvent[]>([]);
  protected readonly total = signal(0);

  constructor() {
    effect((onCleanup) => {
      const from = this.from() ? new Date(this.from()).toISOString() : undefined;
      const sub = this.api
        .audit({ user: this.user().trim(), action: this.action(), from })
        .subscribe((r) => {
          this.events.set(r.events);
          this.total.set(r.total);
        });
      onCleanup(() => sub.unsubscribe());
    });
  }
}
