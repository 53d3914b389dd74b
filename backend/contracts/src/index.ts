/**
 * @yuejuan/contracts: the request and response shapes, enums and pure functions that the backend
 * and the frontend both need, written once. The backend imports the compiled package (dist/, CommonJS),
 * the frontend and jest the TypeScript sources (path mapping), so each compiler checks its side
 * against the same definition. No dependencies, no framework: plain types and pure functions.
 */
export * from './admin';
export * from './auth';
export * from './bundle';
export * from './errors';
export * from './marking';
export * from './papers';
export * from './quality';
export * from './reports';
export * from './rendering';
export * from './roles';
export * from './runs';
