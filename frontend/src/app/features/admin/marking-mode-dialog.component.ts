import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { AdminApiService, MarkingMode, PolicyOverride } from './admin-api.service';
import { errorText } from '../../core/i18n/error-text';

export interface ModeDialogData {
  target: 'questions' | 'papers';
  id: string;
  /** The dialog's heading, already worded. */
  title: string;
  /** What is in effect now, worded ("双评 · 误差 1 分"). */
  now: string;
  override: PolicyOverride | null;
}

/**
 * Marking mode and tolerance of a paper or a question. A save that would change answers already
 * marked comes back refused with their count; the admin then sees what it means and may confirm
 * that those answers are re-resolved.
 */
@Component({
  selector: 'yj-marking-mode-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TPipe,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="muted">{{ 'mode.now' | t: { mode: data.now } }}</p>
      <mat-radio-group
        class="modes"
        [value]="mode()"
        (change)="mode.set($event.value)"
        [attr.aria-label]="'asg.col.mode' | t"
      >
        <mat-radio-button value="inherit">{{ inheritKey | t }}</mat-radio-button>
        <mat-radio-button value="single">{{ 'mode.opt.single' | t }}</mat-radio-button>
        <mat-radio-button value="double">{{ 'mode.opt.double' | t }}</mat-radio-button>
      </mat-radio-group>
      <mat-form-field appearance="outline" class="tolerance">
        <mat-label>{{ 'mode.tolerance' | t }}</mat-label>
        <input
          matInput
          type="number"
          min="0"
          step="0.5"
          [value]="tolerance()"
          (input)="tolerance.set($any($event.target).value)"
        />
        <mat-hint>{{ 'mode.toleranceHint' | t }}</mat-hint>
      </mat-form-field>
      @if (marks(); as m) {
        <div class="warn" role="alert">
          <p>{{ 'mode.marksExist' | t: m }}</p>
          <mat-checkbox [checked]="reresolve()" (change)="reresolve.set($event.checked)">
            {{ 'mode.reresolve' | t }}
          </mat-checkbox>
        </div>
      }
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>{{ 'dialog.cancel' | t }}</button>
      <button mat-flat-button [disabled]="busy() || (!!marks() && !reresolve())" (click)="save()">
        {{ 'mode.save' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .modes {
      display: flex;
      flex-direction: column;
      margin-bottom: 12px;
    }
    .tolerance {
      width: 240px;
    }
    .warn {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border-radius: 8px;
      padding: 4px 12px 8px;
      max-width: 460px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkingModeDialogComponent {
  protected readonly data = inject<ModeDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<MarkingModeDialogComponent, string>);
  private readonly api = inject(AdminApiService);
  private readonly i18n = inject(I18nService);
  protected readonly inheritKey =
    this.data.target === 'questions' ? 'mode.inherit.question' : 'mode.inherit.paper';
  protected readonly mode = signal<MarkingMode | 'inherit'>(this.data.override?.mode ?? 'inherit');
  protected readonly tolerance = signal<string>(String(this.data.override?.tolerance ?? ''));
  protected readonly reresolve = signal(false);
  protected readonly marks = signal<{ answers: number; marks: number } | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected save() {
    const mode = this.mode() === 'inherit' ? null : (this.mode() as MarkingMode);
    const tolerance = this.tolerance() === '' ? null : Number(this.tolerance());
    this.busy.set(true);
    this.error.set('');
    const body = { mode, tolerance, ...(this.reresolve() ? { reresolve: true } : {}) };
    this.api.setPolicy(this.data.target, this.data.id, body).subscribe({
      next: (r) =>
        this.ref.close(
          r.reresolved
            ? this.i18n.t('mode.saved', { n: r.reresolved, changed: r.changed })
            : this.i18n.t('mode.savedPlain'),
        ),
      error: (e: HttpErrorResponse) => {
        this.busy.set(false);
        if (e.status === 409 && e.error?.code === 'marking_policy.marks_exist')
          this.marks.set(e.error.params);
        else this.error.set(errorText(this.i18n, e));
      },
    });
  }
}
