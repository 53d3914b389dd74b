import { DomainError } from '../common/domain-errors';
import { answerForMarker } from './domain/answer-for-marker';
import { MarkingMode, Resolution } from './domain/marking-rules';
import type { MarkOutcome, ModeRow } from './marking.types';

/** The decisions the marking services share: the blind form, the mode, the refusals. No SQL here. */

/** The answer as a marker reads it: nothing in its form may say a model wrote it (answer-for-marker.ts). */
export function blinded<T extends { answer: { text: string } }>(task: T): T {
  return { ...task, answer: { text: answerForMarker(task.answer.text) } };
}

export function modeFrom(row: ModeRow): MarkingMode {
  return row.mode === 'double' ? { mode: 'double', tolerance: row.tolerance } : { mode: 'single' };
}

/** What a save replies once the task's reads are resolved. */
export function outcome(taskId: string, res: Resolution, points: number | null): MarkOutcome {
  return { taskId, state: res.state, finalScore: res.finalScore, points };
}

export const notAssigned = () =>
  new DomainError(
    'you have no marking queue for this question (not assigned to it)',
    404,
    undefined,
    'marking.not_assigned',
  );

export const noSuchAnswer = (taskId: string) =>
  new DomainError(`answer ${taskId} does not exist`, 404);

/** Question types whose answer is either right or wrong, when a teacher reads one the grader could not. */
const ALL_OR_NOTHING = new Set(['single_choice', 'true_false']);

/** Refuses a score between nothing and full marks for such a question: in a first read, a re-mark or an arbitration. */
export function assertAllOrNothing(type: string, points: number, ceiling: number) {
  if (ALL_OR_NOTHING.has(type) && points !== 0 && points !== ceiling)
    throw new DomainError(
      `a ${type} answer scores 0 or ${ceiling}`,
      422,
      undefined,
      'marking.all_or_nothing',
      { max: ceiling },
    );
}
