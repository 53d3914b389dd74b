import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AuthService } from '../../core/auth/auth.service';
import { errorText } from '../../core/i18n/error-text';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';

interface MyAssignment {
  paperTitle: string;
  questionNumber: string;
  type: string;
}

/** The signed-in user's own page: who they are, what they are assigned to mark, their password. */
@Component({
  selector: 'yj-account',
  imports: [FormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, TPipe],
  template: `
    @if (auth.user(); as u) {
      <h1>{{ u.displayName }}</h1>
      <p class="muted">
        {{ u.username }} ·
        @for (r of u.roles; track r) {
          <span class="role">{{ 'role.' + r | t }}</span>
        }
      </p>
    }
    <div class="cards">
      <mat-card appearance="outlined">
        <mat-card-header
          ><mat-card-title>{{ 'account.assignments' | t }}</mat-card-title></mat-card-header
        >
        <mat-card-content>
          @for (a of assignments() ?? []; track $index) {
            <div class="row">
              {{ a.paperTitle }} · {{ 'account.question' | t: { n: a.questionNumber } }} ·
              {{ 'type.' + a.type | t }}
            </div>
          } @empty {
            <p class="muted">{{ 'account.noAssignments' | t }}</p>
          }
        </mat-card-content>
      </mat-card>
      <mat-card appearance="outlined">
        <mat-card-header
          ><mat-card-title>{{ 'account.changePassword' | t }}</mat-card-title></mat-card-header
        >
        <mat-card-content>
          <form (ngSubmit)="change()" class="form">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'account.current' | t }}</mat-label>
              <input
                matInput
                type="password"
                name="current"
                autocomplete="current-password"
                [(ngModel)]="current"
                required
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'account.new' | t }}</mat-label>
              <input
                matInput
                type="password"
                name="next"
                autocomplete="new-password"
                [(ngModel)]="next"
                required
              />
              <mat-hint>{{ 'account.policy' | t }}</mat-hint>
            </mat-form-field>
            @if (message()) {
              <p role="status">{{ message() }}</p>
            }
            <button mat-flat-button type="submit">{{ 'account.save' | t }}</button>
          </form>
        </mat-card-content>
      </mat-card>
    </div>
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 16px;
    }
    .form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin-top: 8px;
    }
    .role {
      background: var(--mat-sys-secondary-container);
      border-radius: 10px;
      padding: 1px 8px;
      margin-right: 6px;
      font-size: 13px;
    }
    .row {
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountComponent {
  private readonly i18n = inject(I18nService);
  protected readonly auth = inject(AuthService);
  private readonly http = inject(HttpClient);
  protected readonly assignments = toSignal(this.http.get<MyAssignment[]>('/api/me/assignments'));
  protected current = '';
  protected next = '';
  protected readonly message = signal('');

  protected async change() {
    try {
      await this.auth.changePassword(this.current, this.next);
      this.current = this.next = '';
      this.message.set('✓');
    } catch (e) {
      this.message.set(errorText(this.i18n, e));
    }
  }
}
