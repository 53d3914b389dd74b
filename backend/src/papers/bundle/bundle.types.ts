/** The paper bundle format (docs/paper-format.md). Plain types shared by the validator, importer and renderer. */
import type { ProblemDetail } from '../../common/problem';
import type { ProblemLocation } from './locate-problem';

export const SUBJECTS = [
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
] as const;
export type Subject = (typeof SUBJECTS)[number];

export const STAGES = ['primary', 'junior', 'senior'] as const;
export type Stage = (typeof STAGES)[number];

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

export const OBJECTIVE_TYPES: readonly QuestionType[] = ['single_choice', 'multiple_choice', 'true_false', 'fill_blank'];

export const MULTI_SELECT_RULES = ['all_or_nothing', 'subset_fixed', 'per_correct_option'] as const;
export type MultiSelectRule = (typeof MULTI_SELECT_RULES)[number];

export interface ScoringPolicy {
  multipleChoice?: { rule: MultiSelectRule; partialPoints?: number };
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

/** A blank's key: one accepted answer, or several equivalent ones. */
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
  subject: Subject;
  grade: number;
  stage: Stage;
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

export interface RubricQuestionDoc {
  question: string;
  mode?: 'items' | 'score';
  startingPoints?: number;
  floor?: number;
  ceiling?: number;
  graderNotes?: string;
  items?: RubricItemDoc[];
  samples?: { answer: string; score: number; note?: string }[];
}

export interface RubricDoc {
  format: 'yuejuan/rubric@1';
  paper: string;
  derived?: boolean;
  derivation?: string;
  questions: RubricQuestionDoc[];
}

/** One problem found in a bundle: where it is and what is wrong. */
export interface BundleError extends ProblemDetail {
  file: string;
  line?: number;
  path: string;
  field?: string;
  /** The question number and field, for an author (set by validateBundle on every problem). */
  location?: ProblemLocation;
}
