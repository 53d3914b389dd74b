import { Routes } from '@angular/router';

export const RUNS_ROUTES: Routes = [
  {
    path: '',
    title: 'title.runs',
    loadComponent: () => import('./runs-list.component').then((m) => m.RunsListComponent),
  },
  {
    path: 'new',
    title: 'title.newRun',
    loadComponent: () => import('./run-new.component').then((m) => m.RunNewComponent),
  },
  {
    path: 'models',
    title: 'title.models',
    loadComponent: () => import('./models.component').then((m) => m.ModelsComponent),
  },
  {
    path: 'judge/:id',
    title: 'title.run',
    loadComponent: () => import('./judge-run.component').then((m) => m.JudgeRunComponent),
  },
  {
    path: ':id',
    title: 'title.run',
    loadComponent: () => import('./run-view.component').then((m) => m.RunViewComponent),
  },
];
