import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { homeFor } from '../../core/auth/home-for';
import { TPipe } from '../../core/i18n/t.pipe';

@Component({
  selector: 'yj-login',
  imports: [FormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, TPipe],
  template: `
    <mat-card appearance="outlined" class="card">
      <mat-card-header
        ><mat-card-title>{{ 'auth.title' | t }}</mat-card-title></mat-card-header
      >
      <mat-card-content>
        @if (expired()) {
          <p class="note" role="status">{{ 'auth.expired' | t }}</p>
        }
        <form (ngSubmit)="submit()" class="form">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'auth.username' | t }}</mat-label>
            <input
              matInput
              name="username"
              autocomplete="username"
              [(ngModel)]="username"
              required
              autofocus
            />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'auth.password' | t }}</mat-label>
            <input
              matInput
              name="password"
              type="password"
              autocomplete="current-password"
              [(ngModel)]="password"
              required
            />
          </mat-form-field>
          @if (error()) {
            <p class="error" role="alert">{{ error() }}</p>
          }
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'auth.signIn' | t }}</button>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card {
      max-width: 380px;
      margin: 48px auto;
    }
    .form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 12px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 8px;
    }
    .note {
      background: var(--mat-sys-secondary-container);
      padding: 8px 12px;
      border-radius: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginComponent {
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected username = '';
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected async submit() {
    this.busy.set(true);
    this.error.set('');
    try {
      const user = await this.auth.login(this.username.trim(), this.password);
      const target = this.returnUrl();
      await this.router.navigateByUrl(
        target && target.startsWith('/') && !target.startsWith('/login')
          ? target
          : homeFor(user.roles),
      );
    } catch (e) {
      this.error.set((e as HttpErrorResponse).error?.message ?? (e as Error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
