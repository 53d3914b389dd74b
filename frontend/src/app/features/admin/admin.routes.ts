import { Routes } from '@angular/router';

export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  {
    path: 'users',
    title: '用户 · 阅卷',
    loadComponent: () => import('./users-admin.component').then((m) => m.UsersAdminComponent),
  },
  {
    path: 'assignments',
    title: '阅卷分配 · 阅卷',
    loadComponent: () =>
      import('./assignments-admin.component').then((m) => m.AssignmentsAdminComponent),
  },
  {
    path: 'audit',
    title: '审计日志 · 阅卷',
    loadComponent: () => import('./audit-log.component').then((m) => m.AuditLogComponent),
  },
];
