import type { MessageKey } from '../../core/i18n/messages';
import type { MarkingGroup, MarkingTask } from './marking-api.service';

/**
 * What the marking screen shows: one answer, or a group of identical answers with the blind view
 * of its first one as the answer (the rubric, keys and total work on it unchanged).
 */
export interface Shown {
  task: MarkingTask;
  group: MarkingGroup | null;
  /** Said when it is shown: group mode ran out and this answer is the first one by one. */
  note?: MessageKey;
}

export function shownTask(task: MarkingTask): Shown {
  return { task, group: null };
}

export function shownGroup(group: MarkingGroup): Shown {
  const { size: _size, members, ...task } = group;
  return { task: { ...task, taskId: members[0].taskId }, group };
}

/** The group without an answer the teacher took out of it (to mark alone). */
export function withoutMember(group: MarkingGroup, taskId: string): MarkingGroup {
  const members = group.members.filter((m) => m.taskId !== taskId);
  return { ...group, members, size: members.length };
}
