/** The roles of the workbench. A user may hold several. */
export const ROLES = ['admin', 'author', 'teacher', 'senior_teacher', 'researcher'] as const;
export type Role = (typeof ROLES)[number];
