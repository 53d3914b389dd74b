/**
 * Answer groups: short answers that are the same answer once their form is set aside, so a teacher
 * can read the answer once and mark every copy of it. The key below decides what "the same" means,
 * and it errs on the side of keeping apart: two answers share a key only when no teacher could
 * score them differently. Each folding rule says why it cannot change what an answer means.
 * Pure: no framework, no database (the queue's SQL is in answer-groups.repository.ts).
 */
import { answerForMarker } from './answer-for-marker';

/** A one-line answer up to this many characters (as the teacher reads it) may be grouped. */
export const SHORT_ANSWER_MAX = 60;
/** An answer the grader could not read (a blank, a choice) may be grouped up to this length, lines and all. */
export const UNPARSED_ANSWER_MAX = 200;
/**
 * At most this many answers in one group lease: a teacher marks them with one key, and the
 * lease keeps them from everyone else until then (the rest of a bigger group is the next group).
 */
export const GROUP_LEASE_MAX = 200;

/** Question types whose answer is an option letter: there, and only there, a and A are the same answer. */
const LETTER_ANSWERS = new Set(['single_choice', 'multiple_choice', 'true_false']);

/** Minus signs that render alike and mean the same: U+2212 minus, U+FE63 small hyphen-minus (U+FF0D is folded with full width). */
const MINUS = /[\u2212\uFE63]/g;
/** Operators and punctuation around which a space says nothing: `x = 1` is `x=1`. Never digits or letters. */
const SPACE_AROUND = /\s*([=+\-*/^_<>≤≥≠±×÷()[\]{},:;|])\s*/g;
/** Sentence-final punctuation at the very end: `北京。` is `北京`, `3.` is `3`. */
const TRAILING = /[。．.，,；;、\s]+$/u;
/** A space between two CJK characters (or CJK and CJK punctuation) is a typing slip: `北 京` is `北京`. */
const CJK_SPACE = /(?<=[\p{Script=Han}\u3000-\u303F])\s+(?=[\p{Script=Han}\u3000-\u303F])/gu;
/** The whole answer as one formula: `$\frac12$`, `$$x$$`, `\(x\)` are that formula (what the teacher sees rendered). */
const WHOLE_FORMULA = /^(?:\$\$([\s\S]+)\$\$|\$([^$]+)\$|\\\(([\s\S]+)\\\))$/;

/**
 * The normalisation key. Applied in order:
 * 1. answerForMarker: what the teacher reads (harness tokens, contract tags, reasoning taken out).
 * 2. Full-width ASCII (U+FF01–U+FF5E) to ASCII, the ideographic space to a space: `（１）` is `(1)`,
 *    `ｘ＝１` is `x=1`, `，` is `,`. These are the same characters typed with a Chinese input method.
 *    Not NFKC: it also folds `x²` into `x2` and `½` into `1⁄2`, which change or blur the maths.
 * 3. Minus signs (U+2212, U+FE63, full-width －) to `-`. En and em dashes stay: they may be a range.
 * 4. Whitespace: runs collapse to one space; spaces next to operators and punctuation, and between
 *    CJK characters, go. Spaces between digits or letters stay (`1 2` is two numbers, `12` one).
 * 5. A single formula wrapping the whole answer loses its delimiters (`$2$` is `2`).
 * 6. Sentence-final punctuation at the end goes (`3。`, `北京.`).
 * 7. Case: only on questions answered by option letters (`b` is `B`); elsewhere `Co` is not `CO`
 *    and a point `A` is not a variable `a`.
 * Never: numeric equivalence (`1/2`, `0.5`, `\frac12` stay three answers: a rubric may ask for the
 * simplest form), synonyms, `、` versus `,`, or anything inside a formula beyond spacing.
 */
export function groupKey(raw: string, questionType: string): string {
  let s = answerForMarker(raw)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(MINUS, '-')
    .replace(/\s+/g, ' ')
    .trim();
  const formula = WHOLE_FORMULA.exec(s);
  if (formula) s = (formula[1] ?? formula[2] ?? formula[3]).trim();
  s = s.replace(SPACE_AROUND, '$1').replace(CJK_SPACE, '').replace(TRAILING, '');
  return LETTER_ANSWERS.has(questionType) ? s.toUpperCase() : s;
}

/**
 * Whether an answer may be marked in a group: a one-line answer of at most SHORT_ANSWER_MAX
 * characters as the teacher reads it, or one the grader could not read (a fill-in blank, an
 * unreadable choice) of at most UNPARSED_ANSWER_MAX. Longer answers are read one by one: two long
 * answers are rarely identical, and a long answer deserves its own read.
 */
export function isGroupable(raw: string, isUnparsed: boolean): boolean {
  const shown = answerForMarker(raw);
  if (isUnparsed && shown.length <= UNPARSED_ANSWER_MAX) return true;
  return !shown.includes('\n') && shown.length <= SHORT_ANSWER_MAX;
}

export interface GroupCandidate {
  taskId: string;
  text: string;
  isUnparsed: boolean;
  /** Which read of this answer the teacher's would be (1, 2 or 3): a group is one read of each of its answers. */
  readNumber: number;
}

export interface AnswerGroup {
  key: string;
  readNumber: number;
  taskIds: string[];
}

/**
 * The groups of a question's candidates, the largest first (ties: the one whose first answer is
 * oldest), each capped at GROUP_LEASE_MAX. Answers at different reads are never in one group, so a
 * group's read is one read of each answer ("second read" on the screen is true of all of them).
 * Answers that are not groupable are left out (the ordinary queue has them).
 */
export function groupAnswers(candidates: GroupCandidate[], questionType: string): AnswerGroup[] {
  const byKey = new Map<string, AnswerGroup>();
  for (const c of candidates) {
    if (!isGroupable(c.text, c.isUnparsed)) continue;
    const key = groupKey(c.text, questionType);
    const id = `${c.readNumber}\u0000${key}`;
    const group = byKey.get(id) ?? { key, readNumber: c.readNumber, taskIds: [] };
    group.taskIds.push(c.taskId);
    byKey.set(id, group);
  }
  const groups = [...byKey.values()].map((g) => ({
    ...g,
    taskIds: g.taskIds.slice(0, GROUP_LEASE_MAX),
  }));
  const oldest = (g: AnswerGroup) => Math.min(...g.taskIds.map(Number));
  return groups.sort((a, b) => b.taskIds.length - a.taskIds.length || oldest(a) - oldest(b));
}
