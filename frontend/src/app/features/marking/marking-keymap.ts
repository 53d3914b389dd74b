/** What a key press on the marking screen asks for. */
export type KeyCommand =
  | 'undo'
  | 'nextQuestion'
  | 'toggleGroups'
  | 'members'
  | 'submitChosen'
  | 'fullMarks'
  | 'skip'
  | 'problem'
  | 'clear'
  | 'backspace'
  | { item: number }
  | { digit: string };

/** What the keys depend on, read from the screen's state when a key is pressed. */
export interface KeyContext {
  hasLastMark: boolean;
  isReview: boolean;
  isDone: boolean;
  hasNextQuestion: boolean;
  hasTask: boolean;
  hasGroup: boolean;
  isItemRubric: boolean;
  typed: string;
}

export interface KeyPress {
  key: string;
  targetTag: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The marking screen's keyboard map, keyboard first: a digit types a score (or, with an item rubric
 * and nothing typed, 1–9 apply items), Enter submits, F gives full marks, S skips, P reports a
 * problem, U corrects the last mark, N opens the next question, G groups identical answers, E lists
 * a group's answers, Escape clears. `preventDefault`: the browser must not act on the key too.
 */
export function keyCommand(
  e: KeyPress,
  c: KeyContext,
): { command: KeyCommand; preventDefault?: boolean } | null {
  if (e.targetTag === 'INPUT' || e.targetTag === 'TEXTAREA') return null;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  // A focused button or link answers Enter and Space itself.
  if ((e.key === 'Enter' || e.key === ' ') && /^(BUTTON|A|SUMMARY)$/.test(e.targetTag)) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  // Undo works even when the queue has run out behind the last mark.
  if (key === 'u' && c.hasLastMark && !c.isReview) return { command: 'undo' };
  if (key === 'n' && c.isDone && c.hasNextQuestion) return { command: 'nextQuestion' };
  if (key === 'g' && !c.isReview) return { command: 'toggleGroups' };
  if (!c.hasTask) return null;
  if (key === 'e' && c.hasGroup) return { command: 'members' };
  if (key === 'Enter') return { command: 'submitChosen', preventDefault: true };
  if (key === 'f') return { command: 'fullMarks' };
  // Skipping and problem reports belong to the queue, not to correcting one's own mark.
  if (!c.isReview && key === 's') return { command: 'skip' };
  if (!c.isReview && key === 'p') return { command: 'problem', preventDefault: true };
  if (key === 'Escape') return { command: 'clear' };
  if (key === 'Backspace') return { command: 'backspace' };
  if (c.isItemRubric && /^[1-9]$/.test(key) && c.typed === '')
    return { command: { item: Number(key) - 1 } };
  if (/^[0-9.]$/.test(key)) return { command: { digit: key } };
  return null;
}
