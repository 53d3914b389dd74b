import { Routes } from '@angular/router';

export const QUALITY_ROUTES: Routes = [
  {
    path: '',
    title: '质量监控 · 阅卷',
    loadComponent: () => import('./monitor.component').then((m) => m.MonitorComponent),
  },
  {
    path: 'rubric/:questionId',
    title: '评分细则 · 阅卷',
    loadComponent: () => import('./rubric-editor.component').then((m) => m.RubricEditorComponent),
  },
];
