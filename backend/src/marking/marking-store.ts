/**
 * Kept only for the importers outside marking (judging/judge-work.repository.ts,
 * judge-quality/judge-quality.repository.ts, reports/report-data.ts), whose owners move the import
 * to ./marking-sql; marking itself reads marking-sql.ts and the repositories. Delete once unused.
 */
export { RUBRIC_JSON, TOLERANCE_SQL } from './marking-sql';
