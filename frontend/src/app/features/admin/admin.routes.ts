import { Routes } from '@angular/router';

export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  {
    path: 'users',
    title: 'title.users',
    loadComponent: () => import('./users-admin.component').then((m) => m.UsersAdminComponent),
  },
  {
    path: 'assignments',
    title: 'title.assignments',
    loadComponent: () =>
      import('./assignments-admin.component').then((m) => m.AssignmentsAdminComponent),
  },
  {
    path: 'audit',
    title: 'title.audit',
    loadComponent: () => import('./audit-log.component').then((m) => m.AuditLogComponent),
  },
];
