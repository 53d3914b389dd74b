import { Routes } from '@angular/router';

export const MARKING_ROUTES: Routes = [
  {
    path: '',
    title: '阅卷 · 阅卷',
    loadComponent: () => import('./marking-home.component').then((m) => m.MarkingHomeComponent),
  },
  {
    path: 'senior',
    title: '仲裁 · 阅卷',
    loadComponent: () => import('./senior-desk.component').then((m) => m.SeniorDeskComponent),
  },
  {
    path: 'review/:taskId',
    title: '回评 · 阅卷',
    loadComponent: () => import('./marking-screen.component').then((m) => m.MarkingScreenComponent),
  },
  {
    path: ':questionId',
    title: '评分 · 阅卷',
    loadComponent: () => import('./marking-screen.component').then((m) => m.MarkingScreenComponent),
  },
];
