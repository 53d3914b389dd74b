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
  templateUrl: './rounds.component.html',
  styleUrl: './rounds.component.css',
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
