/**
 * The pipeline's later stages as the earlier ones see them: a stage that stores rows signals, and
 * a caller that promises its client a graded, queued state (an import's response) settles. It is
 * declared here, below every stage, and implemented by the worker (worker/worker.service.ts), so
 * an importer never imports the grader, nor the grader the marking queue.
 */
export abstract class Pipeline {
  /**
   * Answers were stored: a job for the worker processes, which grade them at once (the sweep would
   * find them within a second anyway). Never fails the caller: its rows are committed already.
   */
  abstract answersStored(): Promise<void>;
  /**
   * Brings grading and marking tasks up to date now, in this process: grades what is queued
   * (waiting for another process's grading to finish first), then creates the marking tasks due.
   */
  abstract settle(): Promise<{ graded: number; changed: number; queued: number }>;
}
