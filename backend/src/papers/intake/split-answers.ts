/**
 * The answer section (参考答案 / 答案与解析) as entries by question number, and each entry's body
 * as key, reference answer and analysis. Pure.
 */
import type { IntakeUnrecognised } from './draft.types';
import {
  ANALYSIS_MARK,
  ANSWER_HEAD,
  halfWidthAlnum,
  IntakeLine,
  QUESTION_HEAD,
  SECTION_HEAD,
} from './intake-text';

export interface AnswerEntry {
  number: string;
  lines: string[];
  where: Pick<IntakeLine, 'page' | 'paragraph'>;
}

export interface AnswerBody {
  /** The key or reference answer (text under 【答案】, or before any analysis mark). */
  answer: string;
  analysis?: string;
}

/** Index of the answer-section heading, or -1 when the paper has none. */
export function findAnswerSection(lines: IntakeLine[]): number {
  // The last heading wins: a paper may mention "答案" in its notes before the real section.
  for (let i = lines.length - 1; i >= 0; i--)
    if (ANSWER_HEAD.test(halfWidthAlnum(lines[i].text).trim())) return i;
  return -1;
}

const ANSWER_MARK = /^(?:【答案】|答案\s*[:：])\s*/;

/** Short keys several to a line: "1．A 2．C 3．BD" or "11．√ 12．×". */
const SHORT_KEY = String.raw`(\d{1,3})\s*[.．、:：]\s*([A-J]{1,10}|√|×|✓|✗|对|错|正确|错误|T|F)`;
const SHORT_KEYS_LINE = new RegExp(String.raw`^(?:${SHORT_KEY}\s*[,，;；]?\s*){2,}$`);

/** Splits the lines after the answer heading into entries by question number. */
export function splitAnswers(lines: IntakeLine[]): {
  entries: AnswerEntry[];
  unrecognised: IntakeUnrecognised[];
} {
  const entries: AnswerEntry[] = [];
  const unrecognised: IntakeUnrecognised[] = [];
  let current: AnswerEntry | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const text = halfWidthAlnum(line.text).trim();
    const where = pick(line);
    if (!text) continue;
    const grid = readKeyGrid(line, lines[i + 1]);
    if (grid) {
      for (const [number, key] of grid) entries.push({ number, lines: [key], where });
      current = null;
      i++;
      continue;
    }
    if (SHORT_KEYS_LINE.test(text)) {
      for (const m of text.matchAll(new RegExp(SHORT_KEY, 'g')))
        entries.push({ number: m[1], lines: [m[2]], where });
      current = null;
      continue;
    }
    const q = QUESTION_HEAD.exec(text);
    if (q && isEntryStart(Number(q[1]), q[2], current)) {
      current = { number: q[1], lines: q[2].trim() ? [q[2].trim()] : [], where };
      entries.push(current);
      continue;
    }
    // 一、选择题 between the keys: a heading of the answer part, not part of an answer.
    if (SECTION_HEAD.test(text)) {
      current = null;
      continue;
    }
    if (current) current.lines.push(text);
    else unrecognised.push({ text, ...where, reasonCode: 'orphan_text' });
  }
  return { entries, unrecognised };
}

/**
 * A numbered line starts an entry when its number runs on from the last (a worked solution may
 * hold its own "2．…" steps), or when it restarts with a mark (keys first, then "1．【解析】…").
 */
function isEntryStart(n: number, rest: string, current: AnswerEntry | null): boolean {
  if (!current) return true;
  const last = Number(current.number);
  return (n > last && n <= last + 5) || /^\s*(【|答案\s*[:：]|解析\s*[:：])/.test(rest);
}

/** A key table: a row "题号 1 2 3 …" followed by "答案 A C B …" (table cells or spaced text). */
function readKeyGrid(line: IntakeLine, next: IntakeLine | undefined): [string, string][] | null {
  if (!next) return null;
  const cells = (l: IntakeLine) =>
    (l.cells ?? halfWidthAlnum(l.text).trim().split(/\s+/))
      .map((c) => halfWidthAlnum(c).trim())
      .filter(Boolean);
  const head = cells(line);
  const body = cells(next);
  if (head[0] !== '题号' || !/^答案$|^选项$/.test(body[0] ?? '')) return null;
  const numbers = head.slice(1);
  const keys = body.slice(1);
  if (
    numbers.length === 0 ||
    numbers.length !== keys.length ||
    !numbers.every((n) => /^\d{1,3}$/.test(n))
  )
    return null;
  return numbers.map((n, i) => [n, keys[i]]);
}

/**
 * An entry's body: the key (text under 【答案】 or, without marks, the text before 【解析】/解析：)
 * and the analysis (from the first analysis mark on).
 */
export function readAnswerBody(lines: string[]): AnswerBody {
  const text = lines.join('\n').trim();
  const body = text.replace(ANSWER_MARK, '');
  const mark = ANALYSIS_MARK.exec(body);
  if (!mark) return { answer: body.trim() };
  const answer = body.slice(0, mark.index).trim();
  const analysis = body.slice(mark.index).trim();
  return analysis ? { answer, analysis } : { answer };
}

/** A composite's answer split at its sub-question marks （1）（2）…; null when it has none. */
export function splitSubAnswers(text: string, count: number): string[] | null {
  const starts: number[] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9_$\\^{}])[(（]\s*(\d{1,2})\s*[)）]/g)) {
    if (Number(m[1]) === starts.length + 1) starts.push(m.index);
  }
  if (starts.length !== count) return null;
  const parts: string[] = [];
  starts.forEach((s, i) => parts.push(text.slice(s, starts[i + 1] ?? text.length).trim()));
  return parts;
}

function pick(l: IntakeLine): Pick<IntakeLine, 'page' | 'paragraph'> {
  const out: Pick<IntakeLine, 'page' | 'paragraph'> = {};
  if (l.page !== undefined) out.page = l.page;
  if (l.paragraph !== undefined) out.paragraph = l.paragraph;
  return out;
}
