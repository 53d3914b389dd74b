/**
 * The question part of a paper (everything before the answer section) as sections, questions,
 * sub-questions, options and passages, still as raw text with where each came from. Deciding
 * types, points and keys is build-draft.ts's job. Pure.
 */
import {
  COVER_LINE,
  halfWidthAlnum,
  HeadingInfo,
  INLINE_ANSWER,
  IntakeLine,
  NOTES_HEAD,
  OPTION_HEAD,
  PAREN_HEAD,
  PART_HEAD,
  PASSAGE_HEAD,
  QUESTION_HEAD,
  readHeading,
  SECTION_HEAD,
  splitInlineOptions,
  splitTrailingOptions,
  SUB_SECTION_HEAD,
} from './intake-text';
import type { IntakeUnrecognised } from './draft.types';

export interface RawOption {
  label: string;
  text: string;
}

export interface RawQuestion {
  number: string;
  lines: string[];
  options: RawOption[];
  optionLayout?: 'inline' | 'lines';
  subs: RawQuestion[];
  /** 【答案】… lines written right after the question (解析版 papers). */
  answerLines: string[];
  passage?: string;
  where: Pick<IntakeLine, 'page' | 'paragraph'>;
}

export interface RawSection {
  title: string;
  heading: HeadingInfo;
  instructions: string[];
  questions: RawQuestion[];
}

export interface RawPassage {
  id: string;
  lines: string[];
}

export interface RawPaper {
  titleLines: string[];
  sections: RawSection[];
  passages: RawPassage[];
  unrecognised: IntakeUnrecognised[];
}

type Mode = 'preamble' | 'notes' | 'section' | 'question' | 'passage';

/** Splits the question part into sections, questions, sub-questions, options and passages. */
export function splitQuestions(lines: IntakeLine[]): RawPaper {
  const out: RawPaper = { titleLines: [], sections: [], passages: [], unrecognised: [] };
  const s = new SplitState(out);
  for (const line of lines) s.take(line);
  return out;
}

class SplitState {
  private mode: Mode = 'preamble';
  private section: RawSection | null = null;
  private question: RawQuestion | null = null;
  private sub: RawQuestion | null = null;
  private passage: RawPassage | null = null;
  private lastNumber = 0;
  /** Whether the last line added options, so a following line can continue the last option. */
  private inOptions = false;

  constructor(private readonly out: RawPaper) {}

  take(line: IntakeLine) {
    const text = halfWidthAlnum(line.text).trim();
    if (!text) return;
    const where = { page: line.page, paragraph: line.paragraph };
    if (line.cells && this.takeOptionTable(line.cells)) return;
    const section = SECTION_HEAD.exec(text);
    if (section) return this.openSection(text);
    if (SUB_SECTION_HEAD.test(text) && this.section)
      return this.openSection(text, this.section.heading);
    if (PART_HEAD.test(text)) {
      this.closeQuestion();
      if (this.mode === 'question') this.mode = 'section';
      return this.unplaced(text, where, 'part_heading');
    }
    if (NOTES_HEAD.test(text) && this.mode === 'preamble') {
      this.mode = 'notes';
      return this.unplaced(text, where, 'preamble');
    }
    if (this.mode === 'notes') return this.unplaced(text, where, 'preamble');
    if (this.mode === 'preamble' && COVER_LINE.test(text))
      return this.unplaced(text, where, 'preamble');
    if (this.question && INLINE_ANSWER.test(text)) return this.takeAnswerLine(text);
    const q = QUESTION_HEAD.exec(text);
    const isNext = !!q && this.isNextNumber(Number(q[1]));
    // After 【答案】 everything up to the next question is its answer and analysis.
    if (this.question?.answerLines.length && !isNext && !PASSAGE_HEAD.test(text))
      return this.takeAnswerLine(text);
    if (PASSAGE_HEAD.test(text)) return this.openPassage(text);
    if (q && isNext) return this.openQuestion(q[1], q[2], where);
    const paren = PAREN_HEAD.exec(text);
    if (paren && this.question && this.isNextSub(Number(paren[1])))
      return this.openSub(paren[1], paren[2], where);
    if (paren && !this.question && this.mode !== 'preamble' && this.isNextNumber(Number(paren[1])))
      return this.openQuestion(paren[1], paren[2], where);
    if (this.question && this.takeOptions(text)) return;
    this.continueWith(text, where, line.cells);
  }

  /** A part （二）选考题 says its own type and points, or keeps those of the section it is part of. */
  private openSection(title: string, parent?: HeadingInfo) {
    this.closeQuestion();
    this.passage = null;
    const own = readHeading(title);
    const heading = parent
      ? { ...own, type: own.type ?? parent.type, pointsEach: own.pointsEach ?? parent.pointsEach }
      : own;
    this.section = { title, heading, instructions: [], questions: [] };
    this.out.sections.push(this.section);
    this.mode = 'section';
  }

  private openPassage(text: string) {
    this.closeQuestion();
    this.passage = { id: `p${this.out.passages.length + 1}`, lines: [text] };
    this.out.passages.push(this.passage);
    this.mode = 'passage';
  }

  /** The next question number: the one after the last, or up to three ahead (a missed number). */
  private isNextNumber(n: number) {
    if (this.mode === 'preamble' && this.out.sections.length === 0) return n === 1;
    // A paper part may start anywhere (理综 physics starts at 14); after that numbers run on.
    if (this.lastNumber === 0) return true;
    return n > this.lastNumber && n <= this.lastNumber + 3;
  }

  private isNextSub(n: number) {
    const subs = this.question!.subs;
    return n === subs.length + 1;
  }

  private openQuestion(number: string, rest: string, where: RawQuestion['where']) {
    this.closeQuestion();
    if (!this.section) this.openSection('一、试题');
    this.lastNumber = Number(number);
    this.question = {
      number,
      lines: [],
      options: [],
      subs: [],
      answerLines: [],
      passage: this.passage?.id,
      where,
    };
    this.section!.questions.push(this.question);
    this.mode = 'question';
    if (rest.trim() && !this.takeOptions(rest.trim()))
      this.takeStemLine(this.question, rest.trim());
  }

  private openSub(number: string, rest: string, where: RawQuestion['where']) {
    this.sub = { number, lines: [], options: [], subs: [], answerLines: [], where };
    this.question!.subs.push(this.sub);
    this.inOptions = false;
    if (rest.trim() && !this.takeOptions(rest.trim())) this.takeStemLine(this.sub, rest.trim());
  }

  /** A stem line, which may end with the options on the same line. */
  private takeStemLine(target: RawQuestion, text: string) {
    const trailing = target.options.length === 0 ? splitTrailingOptions(text) : null;
    if (!trailing) return void target.lines.push(text);
    if (trailing.stem) target.lines.push(trailing.stem);
    target.options.push(...trailing.options);
    target.optionLayout = 'inline';
    this.inOptions = true;
  }

  private closeQuestion() {
    this.question = null;
    this.sub = null;
    this.inOptions = false;
  }

  /** Option lines: "A．…" alone, or several on one line. */
  private takeOptions(text: string): boolean {
    const target = this.sub ?? this.question!;
    const inline = splitInlineOptions(text);
    const expected = String.fromCharCode(65 + target.options.length);
    if (inline && inline[0].label === 'A' && target.options.length === 0) {
      target.options.push(...inline);
      target.optionLayout = 'inline';
    } else if (inline && inline[0].label === expected) {
      target.options.push(...inline);
    } else {
      const one = OPTION_HEAD.exec(text);
      if (!one || one[1] !== expected) return false;
      target.options.push({ label: one[1], text: one[2].trim() });
      target.optionLayout ??= 'lines';
    }
    this.inOptions = true;
    return true;
  }

  /** A table whose cells are all options (A．… | B．…) is an option layout, not a table. */
  private takeOptionTable(cells: string[]): boolean {
    if (!this.question) return false;
    const filled = cells.map((c) => halfWidthAlnum(c).trim()).filter(Boolean);
    if (filled.length < 2 || !filled.every((c) => OPTION_HEAD.test(c))) return false;
    return this.takeOptions(filled.join(' '));
  }

  private takeAnswerLine(text: string) {
    this.question!.answerLines.push(text);
  }

  private continueWith(text: string, where: RawQuestion['where'], cells?: string[]) {
    const content = cells ? tableRow(cells) : text;
    if (this.mode === 'question' && this.question) {
      const target = this.sub ?? this.question;
      // A line right after the options continues the last option only if it cannot be a stem.
      if (this.inOptions && target.options.length > 0 && !cells) {
        const last = target.options[target.options.length - 1];
        last.text = `${last.text} ${content}`.trim();
        return;
      }
      if (cells) target.lines.push(content);
      else this.takeStemLine(target, content);
      return;
    }
    if (this.mode === 'passage' && this.passage) return void this.passage.lines.push(content);
    if (this.mode === 'section' && this.section)
      return void this.section.instructions.push(content);
    if (this.mode === 'preamble' && this.out.titleLines.length < 3)
      return void this.out.titleLines.push(text);
    this.unplaced(text, where, 'before_first_question');
  }

  private unplaced(text: string, where: RawQuestion['where'], reasonCode: string) {
    this.out.unrecognised.push({ text, ...definedOnly(where), reasonCode });
  }
}

function tableRow(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').trim()).join(' | ')} |`;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Stem text from lines: Markdown table rows stay together, other lines are paragraphs. */
export function joinLines(lines: string[]): string {
  let out = '';
  lines.forEach((l, i) => {
    const isRow = l.startsWith('| ');
    const prevRow = i > 0 && lines[i - 1].startsWith('| ');
    if (i > 0) out += isRow && prevRow ? '\n' : '\n\n';
    // A Markdown table needs its separator after the first row.
    out += l;
    if (isRow && !prevRow) out += `\n|${' --- |'.repeat(l.split(' | ').length)}`;
  });
  return out;
}
