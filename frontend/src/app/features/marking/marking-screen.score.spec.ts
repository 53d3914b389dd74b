import { signal } from '@angular/core';
import type { MarkingTask } from './marking-api.service';
import { ScoreEntry } from './marking-screen.score';

const task = (over: Partial<MarkingTask> = {}, rubric: Partial<MarkingTask['rubric']> = {}) =>
  ({
    taskId: 't1',
    leaseToken: 'tok',
    question: { id: 'q1', number: '7', type: 'short_answer', points: 10, stem: '' },
    answer: { text: '' },
    samples: [],
    readNumber: 1,
    rubric: {
      mode: 'score',
      startingPoints: 0,
      floorPoints: 0,
      ceilingPoints: 10,
      graderNotes: null,
      items: [],
      ...rubric,
    },
    ...over,
  }) as unknown as MarkingTask;

const ITEMS = [
  { id: 'a', points: 2, description: '列式' },
  { id: 'b', points: 4, description: '结果' },
];

describe('ScoreEntry', () => {
  it('submits a typed score the moment it is complete (one key press per answer)', () => {
    const t = signal<MarkingTask | null>(task());
    const score = new ScoreEntry(t);
    expect(score.type('1', false)).toBeNull(); // 1 may become 10
    expect(score.type('0', false)).toBe('submit');
    expect(score.points()).toBe(10);
    score.clear();
    expect(score.type('7', false)).toBe('submit');
    expect(score.fields(7, 1.5)).toEqual({ score: 7, secondsSpent: 1.5 });
    score.clear();
    expect(score.type('7', true)).toBeNull(); // correcting a mark: Enter confirms
  });

  it('refuses a part score for a single choice, and takes 0 or full marks at once', () => {
    const t = signal<MarkingTask | null>(
      task(
        {
          question: { id: 'q', number: '1', type: 'single_choice', points: 5, stem: '' },
        } as Partial<MarkingTask>,
        {
          ceilingPoints: 5,
        },
      ),
    );
    const score = new ScoreEntry(t);
    expect(score.isAllOrNothing()).toBe(true);
    expect(score.type('2', false)).toBe('refused');
    expect(score.typed()).toBe('');
    expect(score.type('5', false)).toBe('submit');
  });

  it('applies items, clamps their sum, gives full marks with F, and says when nothing is chosen', () => {
    const t = signal<MarkingTask | null>(
      task({}, { mode: 'items', ceilingPoints: 5, items: ITEMS }),
    );
    const score = new ScoreEntry(t);
    expect(score.isNothingChosen()).toBe(true);
    score.toggle(1);
    expect(score.points()).toBe(4);
    score.toggle(0);
    expect(score.points()).toBe(5);
    expect(score.fields(5, 2)).toEqual({ appliedItems: ['b', 'a'], secondsSpent: 2 });
    score.clear();
    score.chooseFullMarks();
    expect(score.applied()).toEqual(['a', 'b']);
  });

  it('opens a re-mark with my previous mark; the first digit typed replaces a previous score', () => {
    const t = signal<MarkingTask | null>(
      task({
        previous: { appliedItems: [], points: 6, adjustment: 0, comment: null, at: '' },
      } as Partial<MarkingTask>),
    );
    const score = new ScoreEntry(t);
    score.start(t());
    expect(score.typed()).toBe('6');
    score.type('8', true);
    expect(score.typed()).toBe('8');
  });
});
