import { Routes } from '@angular/router';

export const MARKING_ROUTES: Routes = [
  {
    path: '',
    title: 'title.marking',
    loadComponent: () => import('./marking-home.component').then((m) => m.MarkingHomeComponent),
  },
  {
    path: 'senior',
    title: 'title.senior',
    loadComponent: () => import('./senior-desk.component').then((m) => m.SeniorDeskComponent),
  },
  {
    path: 'review/:taskId',
    title: 'title.history',
    loadComponent: () => import('./marking-screen.component').then((m) => m.MarkingScreenComponent),
  },
  {
    path: ':questionId',
    title: 'title.markingScreen',
    loadComponent: () => import('./marking-screen.component').then((m) => m.MarkingScreenComponent),
  },
];
