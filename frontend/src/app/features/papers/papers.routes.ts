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
    path: 'new',
    title: 'title.editor',
    loadComponent: () =>
      import('./editor/paper-editor.component').then((m) => m.PaperEditorComponent),
  },
  {
    path: ':id/edit',
    title: 'title.editor',
    loadComponent: () =>
      import('./editor/paper-editor.component').then((m) => m.PaperEditorComponent),
  },
  {
    path: ':id',
    title: 'title.paper',
    loadComponent: () => import('./paper-view.component').then((m) => m.PaperViewComponent),
  },
];
