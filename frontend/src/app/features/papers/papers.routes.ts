import { Routes } from '@angular/router';

export const PAPERS_ROUTES: Routes = [
  {
    path: '',
    title: '试卷库 · 阅卷',
    loadComponent: () => import('./paper-library.component').then((m) => m.PaperLibraryComponent),
  },
  {
    path: 'upload',
    title: '上传试卷 · 阅卷',
    loadComponent: () => import('./paper-upload.component').then((m) => m.PaperUploadComponent),
  },
  {
    path: ':id',
    title: '试卷 · 阅卷',
    loadComponent: () => import('./paper-view.component').then((m) => m.PaperViewComponent),
  },
];
