/**
 * Marking shapes both sides need, and the rubric arithmetic the marking screen shows before the
 * server scores the mark (the server applies the same function, after its checks).
 */
import type { Agreement } from './quality';

export interface RubricItem {
  id: string;
  points: number;
  description: string;
  /** Items of one group are alternatives: a mark applies at most one of them. */
  group?: string;
}

/** A rubric in force: its mode, bounds and items. */
export interface MarkingRubric {
  mode: 'items' | 'score';
  startingPoints: number;
  floorPoints: number;
  ceilingPoints: number;
  items: RubricItem[];
}

/** What a teacher sees of an answer: the question, the rubric and the text. Nothing says who wrote it. */
export interface BlindTask {
  taskId: string;
  leaseToken: string;
  leaseExpiresAt: string;
  question: {
    id: string;
    number: string;
    type: string;
    points: number;
    stem: string;
    referenceAnswer: string | null;
  };
  rubric: MarkingRubric & { graderNotes: string | null };
  answer: { text: string };
  /** The rubric's sample answers with their scores (the author's, not answers under marking). */
  samples: { answer: string; score: number; note?: string }[];
  /** Which read of this answer mine would be (1, 2, or 3 for a third read): never the other scores. */
  readNumber: number;
}

/** A question with answers waiting for a teacher and nobody assigned to read them. */
export interface WaitingQuestion {
  questionId: string;
  paperVersionId: string;
  paperTitle: string;
  number: string;
  type: string;
  queued: number;
}

/**
 * The points the applied items give: clamp(start + Σ items, floor, ceiling). Unknown ids count
 * nothing (the server refuses them before it gets here). Pure.
 */
export function itemPoints(rubric: MarkingRubric, applied: readonly string[]): number {
  const sum = applied.reduce(
    (a, id) => a + (rubric.items.find((i) => i.id === id)?.points ?? 0),
    rubric.startingPoints,
  );
  return Math.min(rubric.ceilingPoints, Math.max(rubric.floorPoints, sum));
}

/** A read whose points a rubric edit would change, and what it does to the answer's final score. */
export interface RescoreChange {
  taskId: string;
  excerpt: string;
  reads: { markId: string; kind: string; oldPoints: number; newPoints: number }[];
  oldFinal: number | null;
  newFinal: number | null;
  newState: string;
}

export type TeacherFlag = 'lenient' | 'severe' | 'low_agreement' | 'drift' | 'calibration_error';

/** One teacher on one question (`GET /api/marking/monitor/:questionId`). */
export interface TeacherStats {
  marker: string;
  count: number;
  medianSeconds: number | null;
  mean: number | null;
  sd: number | null;
  thirdReadRate: number | null;
  agreement: Agreement;
  calibration: { n: number; meanAbsoluteError: number | null };
  /** Mean of the teacher's earlier half of reads and of the later half, for drift. */
  earlyMean: number | null;
  lateMean: number | null;
  flags: TeacherFlag[];
}

export type MarkingModeName = 'single' | 'double';

/** A paper's or a question's own marking mode, set beside the paper's policy (null: inherited). */
export interface PolicyOverride {
  mode: MarkingModeName | null;
  tolerance: number | null;
}

/** `GET /api/admin/assignments` row: a teacher assigned to a (sub-)question. */
export interface Assignment<At = string> {
  userId: string;
  username: string;
  displayName: string;
  questionId: string;
  questionNumber: string;
  type: string;
  paperVersionId: string;
  paperTitle: string;
  createdAt: At;
}

/** A markable (sub-)question of a paper with its queue, teachers and the marking mode in effect. */
export interface AssignableQuestion {
  id: string;
  number: string;
  type: string;
  isObjective: boolean;
  points: number;
  /** Answers waiting for a teacher's read (open, or needing a third read). */
  queued: number;
  /** Answers with at least one mark. */
  marked: number;
  total: number;
  done: number;
  mode: MarkingModeName;
  tolerance: number;
  override: PolicyOverride | null;
  teachers: { id: string; username: string; displayName: string }[];
}

/** One question of a teacher's queue (`GET /api/marking/questions`), with what waits for them. */
export interface MarkingQuestion {
  questionId: string;
  number: string;
  type: string;
  isObjective: boolean;
  points: number;
  paperVersionId: string;
  paperTitle: string;
  subject: string;
  grade: number;
  stage: string;
  mode: MarkingModeName;
  tolerance: number;
  /** Answers whose reads are complete. */
  total: number;
  done: number;
  /** Answers waiting for this teacher's read. */
  forMe: number;
  /** Answers this teacher has read. */
  mine: number;
  /** Reads given and reads needed by all teachers (two per answer under double marking). */
  readsDone: number;
  readsRequired: number;
}

/** A question on the monitoring page, with its progress and calibration items. */
export interface MonitorQuestion {
  questionId: string;
  number: string;
  paperTitle: string;
  subject: string;
  total: number;
  done: number;
  calibration: number;
}

/** Where a marking task stands: open for reads, waiting for a third, for a senior, or done. */
export const MARKING_TASK_STATES = [
  'open',
  'needs_third',
  'needs_arbitration',
  'problem',
  'done',
] as const;
export type MarkingTaskState = (typeof MARKING_TASK_STATES)[number];

/**
 * Why a task is in its state, as a code with its numbers: the server decides it (the Gaokao 2+1+1
 * rule), the client words `rule.<code>` in its language.
 */
export const MARKING_RULE_CODES = [
  'arbitrated',
  'problem',
  'single',
  'unread',
  'waitingSecond',
  'twoWithin',
  'third',
  'closestPair',
  'arbitrate',
] as const;
export type MarkingRuleCode = (typeof MARKING_RULE_CODES)[number];
