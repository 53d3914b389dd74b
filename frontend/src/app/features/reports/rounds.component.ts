import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { errorText } from '../../core/i18n/error-text';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RunsApiService } from '../runs/runs-api.service';
import { ReportsApiService, Round } from './reports-api.service';

/** Evaluation rounds for researchers: name, date, notes, and which runs belong to each. */
@Component({
  selector: 'yj-rounds',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    TPipe,
  ],
  template: `
    <div class="head">
      <h1>{{ 'rounds.title' | t }}</h1>
      <span class="spacer"></span>
      <a mat-stroked-button routerLink="/reports">{{ 'rounds.back' | t }}</a>
    </div>
    <p class="muted">{{ 'rounds.hint' | t }}</p>
    <form class="edit" (ngSubmit)="save()" data-testid="round-form">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'rounds.name' | t }}</mat-label>
        <input matInput [(ngModel)]="name" name="name" required maxlength="120" />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic" class="date">
        <mat-label>{{ 'rounds.heldOn' | t }}</mat-label>
        <!-- Text, not type=date: Chromium shows a date input in the browser's locale (mm/dd/yyyy
             on an English system) whatever the page's language; yyyy-mm-dd reads the same in both. -->
        <input
          matInput
          [(ngModel)]="heldOn"
          name="heldOn"
          required
          inputmode="numeric"
          placeholder="YYYY-MM-DD"
          pattern="\\d{4}-\\d{2}-\\d{2}"
          maxlength="10"
          data-testid="round-date"
        />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic" class="runs">
        <mat-label>{{ 'rounds.runs' | t }}</mat-label>
        <mat-select multiple [(ngModel)]="runIds" name="runs" [attr.aria-label]="'rounds.runs' | t">
          @for (r of runOptions(); track r.id) {
            <mat-option [value]="r.id" [disabled]="!!r.elsewhere">
              {{ r.name }}
              @if (r.elsewhere) {
                <small class="muted">· {{ 'rounds.inOther' | t: { round: r.elsewhere } }}</small>
              }
            </mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic" class="notes">
        <mat-label>{{ 'rounds.notes' | t }}</mat-label>
        <input matInput [(ngModel)]="notes" name="notes" maxlength="4000" />
      </mat-form-field>
      <button mat-flat-button [disabled]="!name.trim() || !isDate(heldOn) || busy()">
        {{ (editing() ? 'rounds.save' : 'rounds.create') | t }}
      </button>
      @if (editing()) {
        <button mat-button type="button" (click)="reset()">{{ 'rounds.cancel' | t }}</button>
      }
    </form>
    @if (message()) {
      <p class="error" role="alert">{{ message() }}</p>
    }
    @if (!rounds().length) {
      <p class="muted">{{ 'rounds.empty' | t }}</p>
    } @else {
      <table class="list" data-testid="rounds">
        <thead>
          <tr>
            <th>{{ 'rounds.name' | t }}</th>
            <th>{{ 'rounds.heldOn' | t }}</th>
            <th>{{ 'rounds.runs' | t }}</th>
            <th>{{ 'rounds.notes' | t }}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (r of rounds(); track r.id) {
            <tr>
              <td>{{ r.name }}</td>
              <td class="date-cell">{{ r.heldOn }}</td>
              <td>
                @for (x of r.runs; track x.id) {
                  <div>
                    {{ x.name }} <small class="muted">({{ x.models.join(', ') }})</small>
                  </div>
                } @empty {
                  <span class="muted">{{ 'rounds.noRuns' | t }}</span>
                }
                <small class="muted">{{ 'rounds.papers' | t: { n: r.papers } }}</small>
              </td>
              <td>{{ r.notes }}</td>
              <td class="actions">
                <button mat-button type="button" (click)="edit(r)">{{ 'rounds.edit' | t }}</button>
                <button
                  mat-button
                  type="button"
                  (click)="remove(r)"
                  [attr.title]="'rounds.deleteHint' | t"
                >
                  {{ 'rounds.delete' | t }}
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .head,
    .edit {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .spacer {
      flex: 1;
    }
    .edit {
      margin: 12px 0;
    }
    .edit mat-form-field {
      width: 220px;
    }
    .edit .date {
      width: 170px;
    }
    .edit .runs,
    .edit .notes {
      width: 320px;
    }
    .error {
      color: #b3261e;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 14px;
    }
    th,
    td {
      text-align: left;
      vertical-align: top;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .actions,
    .date-cell {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoundsComponent {
  private readonly api = inject(ReportsApiService);
  private readonly i18n = inject(I18nService);
  private readonly runs = toSignal(inject(RunsApiService).runs());
  protected readonly rounds = signal<Round[]>([]);
  protected readonly editing = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal('');
  protected name = '';
  /** A real calendar date written yyyy-mm-dd (2024-02-30 is not one). */
  protected isDate(s: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }
  protected heldOn = '';
  protected notes = '';
  protected runIds: string[] = [];

  /** Every run, marked with the other round it already belongs to (a run is in one round at most). */
  protected readonly runOptions = computed(() => {
    const owner = new Map<string, Round>();
    for (const r of this.rounds()) for (const x of r.runs) owner.set(x.id, r);
    return (this.runs() ?? []).map((r) => {
      const o = owner.get(r.id);
      return { id: r.id, name: r.name, elsewhere: o && o.id !== this.editing() ? o.name : null };
    });
  });

  constructor() {
    this.reload();
  }

  protected edit(r: Round) {
    this.editing.set(r.id);
    this.name = r.name;
    this.heldOn = r.heldOn;
    this.notes = r.notes;
    this.runIds = r.runs.map((x) => x.id);
    this.message.set('');
  }

  protected reset() {
    this.editing.set(null);
    this.name = this.heldOn = this.notes = '';
    this.runIds = [];
  }

  protected save() {
    const body = {
      name: this.name.trim(),
      heldOn: this.heldOn,
      notes: this.notes,
      runIds: this.runIds,
    };
    const id = this.editing();
    this.busy.set(true);
    this.message.set('');
    (id ? this.api.updateRound(id, body) : this.api.createRound(body)).subscribe({
      next: () => {
        this.busy.set(false);
        this.reset();
        this.reload();
      },
      error: (e) => {
        this.busy.set(false);
        this.message.set(errorText(this.i18n, e));
      },
    });
  }

  protected remove(r: Round) {
    this.api.deleteRound(r.id).subscribe({
      next: () => this.reload(),
      error: (e) => this.message.set(errorText(this.i18n, e)),
    });
  }

  private reload() {
    this.api.rounds().subscribe((r) => this.rounds.set(r));
  }
}
