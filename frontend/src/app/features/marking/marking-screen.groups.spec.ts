import type { MarkingGroup } from './marking-api.service';
import { shownGroup, withoutMember } from './marking-screen.groups';

const group: MarkingGroup = {
  leaseToken: 'lease-1',
  leaseExpiresAt: '2026-12-01T12:00:00Z',
  question: {
    id: 'q',
    number: '7',
    type: 'fill_blank',
    points: 6,
    stem: '…',
    referenceAnswer: null,
  },
  rubric: {
    mode: 'score',
    startingPoints: 0,
    floorPoints: 0,
    ceilingPoints: 6,
    items: [],
    graderNotes: null,
  },
  answer: { text: '不知道' },
  samples: [],
  readNumber: 1,
  size: 3,
  members: [
    { taskId: '11', text: '不知道' },
    { taskId: '12', text: '不 知 道' },
    { taskId: '13', text: '不知道' },
  ],
};

describe('answer groups on the marking screen', () => {
  it('shows a group as its first answer, with the group beside it', () => {
    const shown = shownGroup(group);
    expect(shown.task.taskId).toBe('11');
    expect(shown.task.leaseToken).toBe('lease-1');
    expect(shown.task.answer.text).toBe('不知道');
    expect('members' in shown.task).toBe(false);
    expect(shown.group).toBe(group);
  });

  it('takes an answer out of the group, and the size follows', () => {
    const rest = withoutMember(group, '12');
    expect(rest.size).toBe(2);
    expect(rest.members.map((m) => m.taskId)).toEqual(['11', '13']);
    expect(withoutMember(rest, '99').size).toBe(2);
  });
});
