import { Routes } from '@angular/router';

export const PAPERS_ROUTES: Routes = [
  {
    path: '',
    title: 'title.papers',
    loadComponent: () => import('./paper-library.component').then((m) => m.PaperLibraryComponent),
  },
  {
    path: 'upload',
    title: 'title.upload',
    loadComponent: () => import('./paper-upload.component').then((m) => m.PaperUploadComponent),
  },
  {
    path: ':id',
    title: 'title.paper',
    loadComponent: () => import('./paper-view.component').then((m) => m.PaperViewComponent),
  },
];
