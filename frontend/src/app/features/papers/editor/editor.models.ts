/**
 * The editor's model is the bundle itself (backend papers/bundle/bundle.types.ts): what
 * paper.json and rubric.json hold, plus each image path's sha256. An intake draft from a Word or
 * PDF file is the same shape, so opening one is only a load step.
 */
export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'fill_blank',
  'short_answer',
  'essay',
  'calculation',
  'composite',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const OBJECTIVE_TYPES: readonly string[] = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'fill_blank',
];
export const ALL_SUBJECTS = [
  'chinese',
  'math',
  'english',
  'physics',
  'chemistry',
  'biology',
  'history',
  'geography',
  'politics',
  'science',
  'other',
];
export const STAGES = ['primary', 'junior', 'senior'];
export const MULTI_SELECT_RULES = ['all_or_nothing', 'subset_fixed', 'per_correct_option'];
export const OPTION_LABELS = 'ABCDEFGHIJ'.split('');

export interface ScoringPolicy {
  multipleChoice?: { rule: string; partialPoints?: number };
  marking?: { mode: 'single' | 'double'; tolerance?: number };
}
export interface ImageRef {
  file: string;
  alt?: string;
}
export interface OptionDoc {
  label: string;
  text?: string;
  image?: ImageRef;
}
export type BlankKey = string | string[];
export interface QuestionDoc {
  number: string;
  type: QuestionType;
  points?: number;
  stem?: string;
  passage?: string;
  images?: ImageRef[];
  options?: OptionDoc[];
  blanks?: number;
  answer?: string | boolean | BlankKey[];
  referenceAnswer?: string;
  analysis?: string;
  tags?: string[];
  tolerance?: number;
  scoring?: ScoringPolicy;
  subQuestions?: QuestionDoc[];
  provenance?: Record<string, unknown>;
}
export interface SectionDoc {
  title: string;
  instructions?: string;
  questions: QuestionDoc[];
}
export interface PassageDoc {
  id: string;
  title?: string;
  content: string;
  images?: ImageRef[];
}
export interface PaperDoc {
  format: 'yuejuan/paper@1';
  id: string;
  title: string;
  subject: string;
  grade: number;
  stage: string;
  year: number;
  region: string;
  language: 'zh' | 'en';
  totalPoints?: number;
  source: { name: string; url?: string; licence: string; commit?: string; note?: string };
  scoring?: ScoringPolicy;
  passages?: PassageDoc[];
  sections: SectionDoc[];
}
export interface RubricItemDoc {
  id: string;
  points: number;
  description: string;
  group?: string;
  graderNote?: string;
}
export interface RubricSampleDoc {
  answer: string;
  score: number;
  note?: string;
}
export interface RubricQuestionDoc {
  question: string;
  mode?: 'items' | 'score';
  startingPoints?: number;
  floor?: number;
  ceiling?: number;
  graderNotes?: string;
  items?: RubricItemDoc[];
  samples?: RubricSampleDoc[];
}
export interface RubricDoc {
  format: 'yuejuan/rubric@1';
  paper: string;
  derived?: boolean;
  derivation?: string;
  questions: RubricQuestionDoc[];
}

export interface DraftBundle {
  paper: PaperDoc;
  rubric: RubricDoc | null;
  images: Record<string, string>;
}

/** GET /api/papers/:id/bundle */
export interface EditorBundle extends DraftBundle {
  versionId: string;
  slug: string;
  version: number;
  status: string;
  contentHash: string;
  assets: Record<string, string>;
}

/** Where a problem is (backend papers/bundle/locate-problem.ts). */
export interface ProblemLocation {
  scope: 'bundle' | 'paper' | 'section' | 'question' | 'passage' | 'rubric';
  section?: number;
  ordinal?: number;
  question?: string;
  passage?: string;
  field?: string;
  index?: number;
  subfield?: string;
}
export interface Problem {
  file: string;
  line?: number;
  path: string;
  field?: string;
  code?: string;
  params?: Record<string, string | number | boolean | null>;
  message: string;
  location?: ProblemLocation;
}
export interface DraftValidation {
  ok: boolean;
  contentHash: string | null;
  problems: Problem[];
}

/** A question's place: section, question, and sub-question for a composite's part. */
export interface QuestionRef {
  s: number;
  i: number;
  k?: number;
}
export type Selection =
  { kind: 'paper' } | { kind: 'section'; s: number } | ({ kind: 'question' } & QuestionRef);

export function isSubjective(type: string): boolean {
  return !OBJECTIVE_TYPES.includes(type) && type !== 'composite';
}

export function questionAt(paper: PaperDoc, ref: QuestionRef): QuestionDoc | null {
  const q = paper.sections[ref.s]?.questions[ref.i];
  if (!q) return null;
  return ref.k === undefined ? q : (q.subQuestions?.[ref.k] ?? null);
}

/** Every question and sub-question with its place, in paper order. */
export function questionRefs(paper: PaperDoc): { ref: QuestionRef; q: QuestionDoc }[] {
  const out: { ref: QuestionRef; q: QuestionDoc }[] = [];
  paper.sections.forEach((sec, s) =>
    sec.questions.forEach((q, i) => {
      out.push({ ref: { s, i }, q });
      (q.subQuestions ?? []).forEach((sub, k) => out.push({ ref: { s, i, k }, q: sub }));
    }),
  );
  return out;
}

/** The next free question number after the last numeric one. */
export function nextNumber(paper: PaperDoc): string {
  const numbers = questionRefs(paper)
    .map((r) => parseInt(r.q.number, 10))
    .filter((n) => !isNaN(n));
  return String(numbers.length ? Math.max(...numbers) + 1 : 1);
}

export function newQuestion(type: QuestionType, number: string): QuestionDoc {
  const options = ['A', 'B', 'C', 'D'].map((label) => ({ label, text: '' }));
  switch (type) {
    case 'single_choice':
    case 'multiple_choice':
      return { number, type, points: 5, stem: '', options, answer: '' };
    case 'true_false':
      return { number, type, points: 2, stem: '', answer: true };
    case 'fill_blank':
      return { number, type, points: 5, stem: '', blanks: 1, answer: [''] };
    case 'composite':
      return {
        number,
        type,
        stem: '',
        subQuestions: [newQuestion('short_answer', `${number}(1)`)],
      };
    default:
      return { number, type, points: 10, stem: '' };
  }
}

export function emptyPaper(year: number): DraftBundle {
  return {
    paper: {
      format: 'yuejuan/paper@1',
      id: `paper-${year}-${Math.random().toString(36).slice(2, 8)}`,
      title: '',
      subject: 'math',
      grade: 12,
      stage: 'senior',
      year,
      region: '',
      language: 'zh',
      source: { name: '', licence: '' },
      sections: [{ title: '一、选择题', questions: [newQuestion('single_choice', '1')] }],
    },
    rubric: null,
    images: {},
  };
}
