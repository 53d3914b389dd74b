/**
 * The database's tables, sorted once for the tests. A spec empties what the pipeline writes
 * (runs, answers, grades, marks, cohorts, rounds, judgements) between its tests with
 * `truncateAll()`, and papers and accounts with `reset()`; the rest stays.
 * tables.medium.spec.ts fails when a migration adds a table that is in none of the lists.
 */

/** Everything a run, a grade, a mark, a cohort, a round or a judge writes. */
export const PIPELINE_TABLES = [
  'ai_models',
  'runs',
  'run_models',
  'run_papers',
  'work_items',
  'attempts',
  'responses',
  'auto_grades',
  'grading_queue',
  'extractor_calls',
  'answer_key_corrections',
  'marking_tasks',
  'marks',
  'marking_skips',
  'marking_group_splits',
  'judge_runs',
  'judge_reads',
  'question_judge_settings',
  'cohorts',
  'cohort_students',
  'cohort_question_stats',
  'rounds',
  'round_runs',
  'validation_samples',
] as const;

/** Papers with their assets and PDFs, and accounts with who marks what: what `reset()` empties. */
export const PAPER_AND_ACCOUNT_TABLES = [
  'marking_assignments',
  'sessions',
  'login_attempts',
  'users',
  'pdf_pages',
  'pdf_documents',
  'rubrics',
  'question_images',
  'questions',
  'passages',
  'paper_versions',
  'papers',
  'asset_variants',
  'assets',
] as const;

/**
 * What neither empties: a paper's original files (kept with its version), marking modes set
 * per spec, the audit trail (append-only: it refuses TRUNCATE), and the server's own settings and
 * bookkeeping.
 */
export const KEPT_TABLES = [
  'bundle_originals',
  'marking_policy_overrides',
  'audit_events',
  'grader_versions',
  'install_settings',
  'server_secrets',
  'migrations',
] as const;

/** The statement that empties the pipeline's tables (CASCADE takes whatever references them). */
export const TRUNCATE_PIPELINE = `TRUNCATE ${PIPELINE_TABLES.join(', ')} CASCADE`;

/** The statement `reset()` runs: grades and tasks first, as background work takes them (fewer deadlocks). */
export const TRUNCATE_PAPERS_AND_ACCOUNTS = `TRUNCATE auto_grades, marking_tasks, ${PAPER_AND_ACCOUNT_TABLES.join(', ')} CASCADE`;
