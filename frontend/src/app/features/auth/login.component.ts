import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { Router } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { homeFor } from '../../core/auth/home-for';
import { TPipe } from '../../core/i18n/t.pipe';

@Component({
  selector: 'yj-login',
  // Native fields styled like Material's outlined ones: the sign-in page is every user's first
  // load, and Material's form field, input and the forms module they need were 107 kB of it.
  imports: [MatCardModule, MatButtonModule, TPipe],
  template: `
    <mat-card appearance="outlined" class="card">
      <mat-card-header
        ><mat-card-title>{{ 'auth.title' | t }}</mat-card-title></mat-card-header
      >
      <mat-card-content>
        @if (expired()) {
          <p class="note" role="status">{{ 'auth.expired' | t }}</p>
        }
        <form (submit)="$event.preventDefault(); submit()" class="form">
          <label class="field">
            <span class="label">{{ 'auth.username' | t }}</span>
            <input
              name="username"
              autocomplete="username"
              required
              autofocus
              [value]="username()"
              (input)="username.set($any($event.target).value)"
            />
          </label>
          <label class="field">
            <span class="label">{{ 'auth.password' | t }}</span>
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              [value]="password()"
              (input)="password.set($any($event.target).value)"
            />
          </label>
          @if (error()) {
            <p class="error" role="alert">{{ error() }}</p>
          }
          <button mat-flat-button type="submit" [disabled]="busy()">{{ 'auth.signIn' | t }}</button>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './login.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginComponent {
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected async submit() {
    this.busy.set(true);
    this.error.set('');
    try {
      const user = await this.auth.login(this.username().trim(), this.password());
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
