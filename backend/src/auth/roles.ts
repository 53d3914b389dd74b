import type { Role } from '@yuejuan/contracts';

/** The roles of the workbench (a user may hold several): defined once in @yuejuan/contracts. */
export { ROLES } from '@yuejuan/contracts';
export type { Role };

/** Who may read papers with their keys: not teachers, who see only the questions they mark. */
export const PAPER_READERS: Role[] = ['admin', 'author', 'researcher'];
export const PAPER_WRITERS: Role[] = ['admin', 'author'];
