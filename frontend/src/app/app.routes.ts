import { Routes } from '@angular/router';
import { authGuard, sessionGuard } from './core/auth/auth.guard';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'papers' },
  {
    path: 'login',
    title: 'title.login',
    loadComponent: () => import('./features/auth/login.component').then((m) => m.LoginComponent),
  },
  {
    path: 'papers',
    canActivate: [authGuard],
    data: { roles: ['admin', 'author', 'researcher'] },
    loadChildren: () => import('./features/papers/papers.routes').then((m) => m.PAPERS_ROUTES),
  },
  {
    path: 'runs',
    canActivate: [authGuard],
    data: { roles: ['admin', 'researcher'] },
    loadChildren: () => import('./features/runs/runs.routes').then((m) => m.RUNS_ROUTES),
  },
  {
    path: 'reports',
    canActivate: [authGuard],
    data: { roles: ['admin', 'researcher'] },
    loadChildren: () => import('./features/reports/reports.routes').then((m) => m.REPORTS_ROUTES),
  },
  {
    // the judge section of the quality pages: researchers too (they choose and validate judges)
    path: 'quality/judge',
    canActivate: [authGuard],
    data: { roles: ['researcher', 'senior_teacher', 'admin'] },
    title: 'title.judgeQuality',
    loadComponent: () =>
      import('./features/quality/judge-quality.component').then((m) => m.JudgeQualityComponent),
  },
  {
    path: 'quality',
    canActivate: [authGuard],
    data: { roles: ['senior_teacher', 'admin'] },
    loadChildren: () => import('./features/quality/quality.routes').then((m) => m.QUALITY_ROUTES),
  },
  {
    path: 'marking',
    canActivate: [authGuard],
    data: { roles: ['teacher', 'senior_teacher'] },
    loadChildren: () => import('./features/marking/marking.routes').then((m) => m.MARKING_ROUTES),
  },
  {
    path: 'admin',
    canActivate: [authGuard],
    data: { roles: ['admin'] },
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'account',
    title: 'title.account',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./features/auth/account.component').then((m) => m.AccountComponent),
  },
  {
    // Licences and data sources: open to anyone, signed in or not (attribution needs no account).
    path: 'about',
    title: 'title.about',
    canActivate: [sessionGuard],
    loadComponent: () => import('./features/about/about.component').then((m) => m.AboutComponent),
  },
  { path: '**', redirectTo: 'papers' },
];
