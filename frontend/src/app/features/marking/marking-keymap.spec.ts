import { KeyContext, keyCommand } from './marking-keymap';

const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({
  hasLastMark: false,
  isReview: false,
  isDone: false,
  hasNextQuestion: false,
  hasTask: true,
  hasGroup: false,
  isItemRubric: false,
  typed: '',
  ...over,
});
const press = (key: string, over: Partial<Parameters<typeof keyCommand>[0]> = {}) => ({
  key,
  targetTag: 'BODY',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...over,
});

describe('the marking keyboard map', () => {
  it('types digits into a score, and with an item rubric and nothing typed, 1–9 apply items', () => {
    expect(keyCommand(press('7'), ctx())).toEqual({ command: { digit: '7' } });
    expect(keyCommand(press('.'), ctx())).toEqual({ command: { digit: '.' } });
    expect(keyCommand(press('3'), ctx({ isItemRubric: true }))).toEqual({ command: { item: 2 } });
    expect(keyCommand(press('0'), ctx({ isItemRubric: true }))).toEqual({
      command: { digit: '0' },
    });
    expect(keyCommand(press('5'), ctx({ isItemRubric: true, typed: '0.' }))).toEqual({
      command: { digit: '5' },
    });
  });

  it('maps the letters, case-blind, and keeps the browser off Enter and P', () => {
    expect(keyCommand(press('F'), ctx())?.command).toBe('fullMarks');
    expect(keyCommand(press('s'), ctx())?.command).toBe('skip');
    expect(keyCommand(press('p'), ctx())).toEqual({ command: 'problem', preventDefault: true });
    expect(keyCommand(press('Enter'), ctx())).toEqual({
      command: 'submitChosen',
      preventDefault: true,
    });
    expect(keyCommand(press('Escape'), ctx())?.command).toBe('clear');
    expect(keyCommand(press('Backspace'), ctx())?.command).toBe('backspace');
    expect(keyCommand(press('e'), ctx({ hasGroup: true }))?.command).toBe('members');
    expect(keyCommand(press('e'), ctx())).toBeNull();
  });

  it('leaves typing in a field, shortcuts with modifiers, and Enter on a focused button alone', () => {
    expect(keyCommand(press('5', { targetTag: 'INPUT' }), ctx())).toBeNull();
    expect(keyCommand(press('s', { targetTag: 'TEXTAREA' }), ctx())).toBeNull();
    expect(keyCommand(press('f', { ctrlKey: true }), ctx())).toBeNull();
    expect(keyCommand(press('Enter', { targetTag: 'BUTTON' }), ctx())).toBeNull();
    expect(keyCommand(press(' ', { targetTag: 'SUMMARY' }), ctx())).toBeNull();
    expect(keyCommand(press('f', { targetTag: 'BUTTON' }), ctx())?.command).toBe('fullMarks');
  });

  it('has no skip or problem while correcting a mark, nor undo or groups', () => {
    const review = ctx({ isReview: true, hasLastMark: true });
    for (const key of ['s', 'p', 'u', 'g']) expect(keyCommand(press(key), review)).toBeNull();
    expect(keyCommand(press('Enter'), review)?.command).toBe('submitChosen');
  });

  it('undoes, opens the next question and toggles groups even with no answer on screen', () => {
    const done = ctx({ hasTask: false, isDone: true, hasLastMark: true, hasNextQuestion: true });
    expect(keyCommand(press('u'), done)?.command).toBe('undo');
    expect(keyCommand(press('n'), done)?.command).toBe('nextQuestion');
    expect(keyCommand(press('g'), done)?.command).toBe('toggleGroups');
    expect(keyCommand(press('5'), done)).toBeNull();
    expect(keyCommand(press('n'), ctx())).toBeNull();
  });
});
