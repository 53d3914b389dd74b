/**
 * The queues between the pipeline's stages (pg-boss, on the same PostgreSQL). A stage that has
 * written rows sends a job; a worker process takes it. Payloads name what is due, never the rows.
 */

/** Answers were stored (an import): a worker process grades them now rather than at its next sweep. */
export const ANSWERS_STORED = 'answers-stored';

/** Grading appended grades (some unparsed, some answers new): their marking tasks are due. */
export const MARKING_TASKS_DUE = 'marking-tasks-due';
