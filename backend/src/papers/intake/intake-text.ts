/**
 * The text patterns of Chinese exam papers that the splitter recognises, and the line type both
 * readers (Word, PDF) produce. Pure: no framework imports.
 */
import type { QuestionType } from '../bundle/bundle.types';

/** One paragraph of a Word body or one visual line of a PDF page, in reading order. */
export interface IntakeLine {
  text: string;
  /** Word: index of the block in the body. */
  paragraph?: number;
  /** PDF: 1-based page. */
  page?: number;
  /** A table row: its cells (text is the cells joined by " | "). */
  cells?: string[];
}

/**
 * Inline tokens the readers leave in text: an embedded image, a MathType/OLE preview, and the
 * same two when the picture could not be decoded (IMGX/OLEX, with its content type).
 */
export const IMAGE_TOKEN = /⟦(IMG|OLE|IMGX|OLEX):([^⟧]+)⟧/g;

/** Full-width digits and Latin letters as ASCII (Ａ．→A．, １２→12); punctuation stays. */
export function halfWidthAlnum(s: string): string {
  return s
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

export const SECTION_HEAD = /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.+)$/;
/** （一）必考题 / （二）选考题：共15分: a part of a section, made a section of its own. */
export const SUB_SECTION_HEAD = /^[(（]([一二三四五六七八九十]{1,3})[)）]\s*(.+)$/;
/** 第Ⅰ卷（选择题）: a part of the paper above its sections; the bundle has no place for it. */
export const PART_HEAD = /^第\s*[ⅠⅡⅢⅣIVX一二三四1-4]+\s*(卷|部分)/;
/** 1．/1、 always; 1. only when no digit follows (so 1.5 m is not question 1). */
export const QUESTION_HEAD = /^(\d{1,3})\s*(?:[．、]|\.(?!\d))\s*(.*)$/;
/** A question numbered （1） when no question is open. */
export const PAREN_HEAD = /^[(（]\s*(\d{1,2})\s*[)）]\s*(.*)$/;
export const OPTION_HEAD = /^([A-J])\s*[.．、:：]\s*(.*)$/;
export const PASSAGE_HEAD = /^(阅读下面的|阅读下列|阅读以下|阅读材料|阅读短文)/;
/** Lines above the title that are not the title: 绝密★启用前, 姓名____ 准考证号____, 本试卷共…页. */
export const COVER_LINE =
  /^(绝密|机密|秘密)|★|启用前|姓名|准考证号|考生号|座位号|考试时间|本试卷(共|满分|分)|满分\s*\d+\s*分/;
/** 注意事项 (notes to candidates): their numbered lines are not questions. */
export const NOTES_HEAD = /^(注意事项|考生须知|说明)\s*[:：]?/;
export const ANSWER_HEAD =
  /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]\s*)?(参考答案|答案与解析|答案及解析|答案和解析|参考答案与解析|参考答案及解析|参考答案及评分标准|参考答案与评分标准|试题解析|答案)\s*[:：]?\s*$/;
/** 【答案】A or 答案：A right after a question (解析版 papers). */
export const INLINE_ANSWER = /^(?:【答案】|答案\s*[:：])\s*(.*)$/;
export const ANALYSIS_MARK = /(【(?:解析|详解|分析|点睛|解答|评分标准)】|(?:^|\s)解析\s*[:：])/;

/** （12分） / （本小题满分12分）. */
export const INLINE_POINTS = /[(（]\s*(?:本(?:小)?题(?:满分)?)?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/;

export interface HeadingInfo {
  type?: QuestionType;
  pointsEach?: number;
  count?: number;
  total?: number;
  /** Numbers the heading says are multi-select (第19～21题有多项符合题目要求). */
  multipleNumbers: Set<string>;
  partialPoints?: number;
}

const TYPE_WORDS: [RegExp, QuestionType][] = [
  // 非选择题 (the non-choice part) says 选择 too: read before the choice words.
  [/非选择/, 'short_answer'],
  [/多项选择|多选|不定项|有多项符合/, 'multiple_choice'],
  [/单项选择|单选|选择/, 'single_choice'],
  [/判断/, 'true_false'],
  [/填空/, 'fill_blank'],
  [/作文|写作/, 'essay'],
  [/解答|计算|证明/, 'calculation'],
  [/简答|阅读|材料|实验|综合|问答/, 'short_answer'],
];

/** What a section heading says: type, points per question, count, total, multi-select numbers. */
export function readHeading(title: string): HeadingInfo {
  const info: HeadingInfo = { multipleNumbers: new Set() };
  const mixed = /第\s*(\d+)\s*(?:[～~\-－—至到]\s*(\d+)\s*)?题有多项/.exec(title);
  // A "第14～18题只有一项…第19～21题有多项" heading is a single-choice section with exceptions.
  info.type = mixed ? 'single_choice' : TYPE_WORDS.find(([re]) => re.test(title))?.[1];
  if (mixed)
    for (let n = Number(mixed[1]); n <= Number(mixed[2] ?? mixed[1]); n++)
      info.multipleNumbers.add(String(n));
  const each = /每(?:小)?题\s*(\d+(?:\.\d+)?)\s*分/.exec(title);
  const count = /共\s*(\d+)\s*(?:小)?题/.exec(title);
  const total = /共\s*(\d+(?:\.\d+)?)\s*分/.exec(title);
  const partial = /部分选对的?得\s*(\d+(?:\.\d+)?)\s*分/.exec(title);
  if (each) info.pointsEach = Number(each[1]);
  if (count) info.count = Number(count[1]);
  if (total) info.total = Number(total[1]);
  if (partial) info.partialPoints = Number(partial[1]);
  return info;
}

/**
 * Options written on one line ("A．1 B．2 C．3 D．4", or "C．3 D．4" continuing): the text split
 * at each label, when the line starts with a label and the labels run on in order; else null.
 */
export function splitInlineOptions(text: string): { label: string; text: string }[] | null {
  const re = /(?:^|[\s\u3000])([A-J])\s*[.．、]/g;
  const marks: { label: string; start: number; end: number }[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const expected = marks.length
      ? String.fromCharCode(marks[0].label.charCodeAt(0) + marks.length)
      : m[1];
    if (m[1] !== expected) continue;
    marks.push({
      label: m[1],
      start: m.index + (m[0].length - m[0].trimStart().length),
      end: re.lastIndex,
    });
  }
  if (marks.length < 2 || marks[0].start !== 0) return null;
  return marks.map((m, i) => ({
    label: m.label,
    text: text.slice(m.end, marks[i + 1]?.start ?? text.length).trim(),
  }));
}

/**
 * A stem whose line ends with its options ("…的是（ ）A．甲 B．乙 C．丙 D．丁"): the stem and the
 * options, when the stem ends with a bracket or a stop and at least two options run from A; else null.
 */
export function splitTrailingOptions(
  text: string,
): { stem: string; options: { label: string; text: string }[] } | null {
  for (const m of text.matchAll(/(?<=[)）？?。：:])\s*(?=A\s*[.．、])/g)) {
    const options = splitInlineOptions(text.slice(m.index + m[0].length));
    if (options && options[0].label === 'A')
      return { stem: text.slice(0, m.index).trim(), options };
  }
  return null;
}

/** Blanks to fill: runs of underscores; else empty brackets （ ） when `bracketsCount`. */
export function countBlanks(text: string, bracketsCount: boolean): number {
  const lines = (text.match(/_{2,}|＿+/g) ?? []).length;
  if (lines > 0 || !bracketsCount) return lines;
  return (text.match(/[(（][\s\u3000]*[)）]/g) ?? []).length;
}

/** √/×/正确/错误 → boolean; null when the text is no such mark. */
export function readTrueFalse(text: string): boolean | null {
  const t = text.replace(/[\s.。]/g, '');
  if (/^(√|✓|✔|对|正确|T|true|是)$/i.test(t)) return true;
  if (/^(×|✗|✘|X|错|错误|F|false|否)$/i.test(t)) return false;
  return null;
}

/** Letters of a choice key ("A", "A、C、D", "BD") or null. */
export function readLetters(text: string): string | null {
  const t = halfWidthAlnum(text)
    .replace(/[\s,，、和与及.。;；]/g, '')
    .toUpperCase();
  return /^[A-J]{1,10}$/.test(t) ? [...new Set(t)].sort().join('') : null;
}

/**
 * A fill-in answer split into `blanks` values: by ；/; first, then by ①②/（1）（2） marks, then
 * by ，/, outside $…$, then by wide spaces. Returns the first split that gives `blanks` parts,
 * or the best attempt.
 */
export function splitBlankAnswers(text: string, blanks: number): string[] {
  const t = text.trim().replace(/[。.]$/, '');
  if (blanks <= 1) return [t];
  const outsideMath = (sep: RegExp) => splitOutsideMath(t, sep);
  const attempts = [
    outsideMath(/[；;]/),
    t.split(/[①②③④⑤⑥⑦⑧⑨⑩]|[(（]\d{1,2}[)）]/),
    outsideMath(/[，,、]/),
    t.split(/\s{2,}/),
    t.split(/\s+/),
  ].map((parts) => parts.map((p) => p.trim()).filter(Boolean));
  return attempts.find((p) => p.length === blanks) ?? attempts.find((p) => p.length > 1) ?? [t];
}

function splitOutsideMath(t: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let inMath = false;
  for (const c of t) {
    if (c === '$') inMath = !inMath;
    if (!inMath && sep.test(c)) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}
