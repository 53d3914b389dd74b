import { Routes } from '@angular/router';

export const REPORTS_ROUTES: Routes = [
  {
    path: '',
    title: 'title.reports',
    loadComponent: () => import('./report-page.component').then((m) => m.ReportPageComponent),
  },
  {
    path: 'rounds',
    title: 'title.rounds',
    loadComponent: () => import('./rounds.component').then((m) => m.RoundsComponent),
  },
  {
    path: 'cohorts',
    title: 'title.cohorts',
    loadComponent: () => import('./cohorts.component').then((m) => m.CohortsComponent),
  },
];
