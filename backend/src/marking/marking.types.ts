import type { Read, Resolution, Rubric } from './domain/marking-rules';

/** How long a leased answer stays the teacher's without a mark. */
export const LEASE_SECONDS = 300;

/** What a teacher sees of an answer, defined once in @yuejuan/contracts. */
export type { BlindTask } from '@yuejuan/contracts';

/** A question's effective marking mode as the SQL gives it (marking-sql.ts MODE_COLUMNS). */
export interface ModeRow {
  mode: string;
  tolerance: number;
}

/** A task read for a mark: everything a mark needs in one statement (the hot path is one read, one write). */
export interface LockedTask extends ModeRow {
  id: string;
  questionId: string;
  type: string;
  state: string;
  leaseHolder: string | null;
  leaseToken: string | null;
  isLeaseLive: boolean;
  isAssigned: boolean;
  isCalibration: boolean;
  /** The row version (xmin) when read: a write conditioned on it fails if anyone changed the task since. */
  version: string;
  rubricId: string | null;
  rubric: Rubric;
  reads: Read[];
}

/** A mark as appended to the marks table. */
export interface NewMark {
  kind: string;
  rubricId: string | null;
  appliedItems: string[];
  adjustment: number;
  comment: string | null;
  points: number;
  secondsSpent: number | null;
  leaseToken: string | null;
}

/** What a save replies: the answer's state and final score after it, and the points given. */
export interface MarkOutcome {
  taskId: string;
  state: Resolution['state'];
  finalScore: number | null;
  points: number | null;
}
