/** The roles of the workbench. A user may hold several. */
export const ROLES = ['admin', 'author', 'teacher', 'senior_teacher', 'researcher'] as const;
export type Role = (typeof ROLES)[number];

/** Who may read papers with their keys: not teachers, who see only the questions they mark. */
export const PAPER_READERS: Role[] = ['admin', 'author', 'researcher'];
export const PAPER_WRITERS: Role[] = ['admin', 'author'];
