import { Routes } from '@angular/router';

export const RUNS_ROUTES: Routes = [
  {
    path: '',
    title: '评测运行 · 阅卷',
    loadComponent: () => import('./runs-list.component').then((m) => m.RunsListComponent),
  },
  {
    path: 'new',
    title: '新建运行 · 阅卷',
    loadComponent: () => import('./run-new.component').then((m) => m.RunNewComponent),
  },
  {
    path: 'models',
    title: '模型 · 阅卷',
    loadComponent: () => import('./models.component').then((m) => m.ModelsComponent),
  },
  {
    path: ':id',
    title: '运行 · 阅卷',
    loadComponent: () => import('./run-view.component').then((m) => m.RunViewComponent),
  },
];
