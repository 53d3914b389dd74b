import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxChange, MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ROLES, type Role } from '@yuejuan/contracts';
import { firstValueFrom } from 'rxjs';
import { rxResource } from '@angular/core/rxjs-interop';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { AdminApiService, AdminUser } from './admin-api.service';
import { errorText } from '../../core/i18n/error-text';
import { latestValue } from '../../shared/data/latest-value';
import { ConfirmData, ConfirmDialogComponent } from './confirm-dialog.component';
import { PasswordDialogComponent } from './password-dialog.component';

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
  templateUrl: './users-admin.component.html',
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
    .notice {
      background: var(--mat-sys-secondary-container);
      padding: 8px 12px;
      border-radius: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersAdminComponent {
  private readonly api = inject(AdminApiService);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  protected readonly roles = ROLES;
  protected readonly notice = signal('');
  /** The accounts, loaded again after each change (and after a refused one, to show what stands). */
  private readonly list = rxResource({ stream: () => this.api.users() });
  protected readonly users = latestValue<AdminUser[]>(this.list, []);
  protected readonly error = signal('');
  protected draft = { username: '', displayName: '', password: '', roles: ['teacher'] as Role[] };

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

  /** A role change says what it adds and removes, and is saved only when confirmed. */
  protected async toggleRole(u: AdminUser, role: Role, change: MatCheckboxChange) {
    const roles = change.checked ? [...u.roles, role] : u.roles.filter((r) => r !== role);
    const names = (list: Role[]) =>
      list.map((r) => this.i18n.t('role.' + r)).join(this.i18n.t('audit.sep')) ||
      this.i18n.t('audit.none');
    const lines = [
      change.checked
        ? this.i18n.t('users.confirmRoles.add', { roles: names([role]) })
        : this.i18n.t('users.confirmRoles.remove', { roles: names([role]) }),
      this.i18n.t('users.confirmRoles.result', { roles: names(roles) }),
      this.i18n.t('users.confirmRoles.effect'),
    ];
    const title = this.i18n.t('users.confirmRoles.title', { name: this.nameOf(u) });
    if (!(await this.confirm({ title, lines }))) {
      change.source.checked = !change.checked;
      return;
    }
    this.save(u, { roles });
  }

  protected async setActive(u: AdminUser, change: MatSlideToggleChange) {
    const on = change.checked;
    const name = this.nameOf(u);
    const title = this.i18n.t(on ? 'users.confirmActive.onTitle' : 'users.confirmActive.offTitle', {
      name,
    });
    const lines = [this.i18n.t(on ? 'users.confirmActive.onBody' : 'users.confirmActive.offBody')];
    if (!(await this.confirm({ title, lines }))) {
      change.source.checked = !on;
      return;
    }
    this.save(u, { isActive: on });
  }

  protected async reset(u: AdminUser) {
    const ref = this.dialog.open(PasswordDialogComponent, { data: { name: this.nameOf(u) } });
    const password: string | undefined = await firstValueFrom(ref.afterClosed());
    if (!password) return;
    this.api.resetPassword(u.id, password).subscribe({
      next: () => this.done(this.i18n.t('users.reset.done', { name: this.nameOf(u) })),
      error: (e) => this.fail(e),
    });
  }

  private save(u: AdminUser, body: Partial<Pick<AdminUser, 'roles' | 'isActive'>>) {
    this.api.updateUser(u.id, body).subscribe({
      next: () => {
        this.done(this.i18n.t('users.saved', { name: this.nameOf(u) }));
        this.load();
      },
      error: (e) => this.fail(e),
    });
  }

  private async confirm(data: ConfirmData): Promise<boolean> {
    const ref = this.dialog.open(ConfirmDialogComponent, { data, width: '440px' });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }

  private nameOf(u: AdminUser) {
    return `${u.displayName} (${u.username})`;
  }

  private done(message: string) {
    this.error.set('');
    this.notice.set(message);
  }

  private load() {
    this.list.reload();
  }

  private fail(e: HttpErrorResponse) {
    this.notice.set('');
    this.error.set(errorText(this.i18n, e));
    this.load();
  }
}
