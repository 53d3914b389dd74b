import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TPipe } from '../../core/i18n/t.pipe';

/** A new password for a user, typed by the admin (closes with it, or with nothing). */
@Component({
  selector: 'yj-password-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TPipe],
  template: `
    <h2 mat-dialog-title>{{ 'users.reset.title' | t: { name: data.name } }}</h2>
    <form (submit)="$event.preventDefault(); done()">
      <mat-dialog-content>
        <mat-form-field appearance="outline" class="full">
          <mat-label>{{ 'users.reset.label' | t }}</mat-label>
          <input
            matInput
            type="password"
            autocomplete="new-password"
            [value]="password()"
            (input)="password.set($any($event.target).value)"
            cdkFocusInitial
          />
          <mat-hint>{{ 'users.reset.hint' | t }}</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'dialog.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="!password()">
          {{ 'users.reset.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full {
      width: 360px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordDialogComponent {
  protected readonly data = inject<{ name: string }>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<PasswordDialogComponent, string>);
  protected readonly password = signal('');

  protected done() {
    if (this.password()) this.ref.close(this.password());
  }
}
