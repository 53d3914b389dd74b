import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Role } from '../../core/auth/auth.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { AdminApiService, AdminUser } from './admin-api.service';

const ROLES: Role[] = ['admin', 'author', 'teacher', 'senior_teacher', 'researcher'];

@Component({
  selector: 'yj-users-admin',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    TPipe,
  ],
  template: `
    <h1>{{ 'admin.users' | t }}</h1>
    <form class="create" #form="ngForm" (ngSubmit)="create(form)" aria-label="create user">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'auth.username' | t }}</mat-label>
        <input matInput name="username" [(ngModel)]="draft.username" required />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'admin.displayName' | t }}</mat-label>
        <input matInput name="displayName" [(ngModel)]="draft.displayName" required />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'admin.initialPassword' | t }}</mat-label>
        <input
          matInput
          name="password"
          type="password"
          autocomplete="new-password"
          [(ngModel)]="draft.password"
          required
        />
      </mat-form-field>
      <div class="roles" role="group" aria-label="roles">
        @for (r of roles; track r) {
          <mat-checkbox
            [checked]="draft.roles.includes(r)"
            (change)="toggleDraftRole(r, $event.checked)"
            >{{ 'role.' + r | t }}</mat-checkbox
          >
        }
      </div>
      <button mat-flat-button type="submit">{{ 'admin.create' | t }}</button>
    </form>
    @if (error()) {
      <p class="error" role="alert">{{ error() }}</p>
    }
    <table class="table">
      <thead>
        <tr>
          <th>{{ 'auth.username' | t }}</th>
          <th>{{ 'admin.displayName' | t }}</th>
          <th>{{ 'admin.roles' | t }}</th>
          <th>{{ 'admin.active' | t }}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        @for (u of users(); track u.id) {
          <tr [class.inactive]="!u.isActive">
            <td>
              <code>{{ u.username }}</code>
            </td>
            <td>{{ u.displayName }}</td>
            <td>
              @for (r of roles; track r) {
                <mat-checkbox
                  [checked]="u.roles.includes(r)"
                  (change)="toggleRole(u, r, $event.checked)"
                  [attr.aria-label]="u.username + ' ' + r"
                  >{{ 'role.' + r | t }}</mat-checkbox
                >
              }
            </td>
            <td>
              <mat-slide-toggle
                [checked]="u.isActive"
                (change)="setActive(u, $event.checked)"
                [attr.aria-label]="'active ' + u.username"
              />
            </td>
            <td>
              <button mat-button type="button" (click)="reset(u)">
                {{ 'admin.resetPassword' | t }}
              </button>
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .create {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
      align-items: center;
    }
    .roles {
      display: flex;
      flex-wrap: wrap;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
      margin-top: 16px;
    }
    th,
    td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .inactive {
      opacity: 0.5;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersAdminComponent {
  private readonly api = inject(AdminApiService);
  protected readonly roles = ROLES;
  protected readonly users = signal<AdminUser[]>([]);
  protected readonly error = signal('');
  protected draft = { username: '', displayName: '', password: '', roles: ['teacher'] as Role[] };

  constructor() {
    this.load();
  }

  protected toggleDraftRole(role: Role, on: boolean) {
    this.draft.roles = on
      ? [...this.draft.roles, role]
      : this.draft.roles.filter((r) => r !== role);
  }

  protected create(form: NgForm) {
    this.api.createUser(this.draft).subscribe({
      next: () => {
        // resetForm clears "touched" too, so the emptied fields are not shown as errors.
        form.resetForm();
        this.draft = { username: '', displayName: '', password: '', roles: ['teacher'] };
        this.load();
      },
      error: (e) => this.fail(e),
    });
  }

  protected toggleRole(u: AdminUser, role: Role, on: boolean) {
    const roles = on ? [...u.roles, role] : u.roles.filter((r) => r !== role);
    this.api
      .updateUser(u.id, { roles })
      .subscribe({ next: () => this.load(), error: (e) => this.fail(e) });
  }

  protected setActive(u: AdminUser, isActive: boolean) {
    this.api
      .updateUser(u.id, { isActive })
      .subscribe({ next: () => this.load(), error: (e) => this.fail(e) });
  }

  protected reset(u: AdminUser) {
    const password = prompt(`${u.username}: new password (10+ characters)`);
    if (password)
      this.api
        .resetPassword(u.id, password)
        .subscribe({ next: () => this.error.set(''), error: (e) => this.fail(e) });
  }

  private load() {
    this.error.set('');
    this.api.users().subscribe((list) => this.users.set(list));
  }

  private fail(e: HttpErrorResponse) {
    const errors = e.error?.errors;
    this.error.set(Array.isArray(errors) ? errors.join('; ') : (e.error?.message ?? e.message));
    this.api.users().subscribe((list) => this.users.set(list));
  }
}
