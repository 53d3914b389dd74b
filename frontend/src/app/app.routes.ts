import { Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'papers' },
  {
    path: 'papers',
    loadChildren: () => import('./features/papers/papers.routes').then((m) => m.PAPERS_ROUTES),
  },
  { path: '**', redirectTo: 'papers' },
];
