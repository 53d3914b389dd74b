import { Routes } from '@angular/router';

export const REPORTS_ROUTES: Routes = [
  {
    path: '',
    title: '报告 · 阅卷',
    loadComponent: () => import('./report-page.component').then((m) => m.ReportPageComponent),
  },
  {
    path: 'cohorts',
    title: '学生数据 · 阅卷',
    loadComponent: () => import('./cohorts.component').then((m) => m.CohortsComponent),
  },
];
