import { Routes } from '@angular/router';

export const QUALITY_ROUTES: Routes = [
  {
    path: '',
    title: 'title.quality',
    loadComponent: () => import('./monitor.component').then((m) => m.MonitorComponent),
  },
  {
    path: 'rubric/:questionId',
    title: 'title.rubric',
    loadComponent: () => import('./rubric-editor.component').then((m) => m.RubricEditorComponent),
  },
];
