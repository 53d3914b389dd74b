/**
 * The paper bundle format (docs/paper-format.md): what paper.json and rubric.json hold. The server's
 * validator, importer and renderer read it; the paper editor edits it as its own model.
 */
import type { ProblemDetail } from './errors';

/** Every subject a bundle may name (the Gaokao nine, primary science, and other). */
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

/**
 * The subjects the library and the report offer as filters: all but other. 道德与法治 is reported as
 * politics (exam-papers/README.md).
 */
export const FILTER_SUBJECTS: readonly Exclude<Subject, 'other'>[] = SUBJECTS.filter(
  (s): s is Exclude<Subject, 'other'> => s !== 'other',
);

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

/** The types scored by rule against the key; the rest go to teachers (a composite is scored by its parts). */
export const OBJECTIVE_TYPES: readonly QuestionType[] = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'fill_blank',
];

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

/**
 * Where a problem is, in the author's words rather than a JSON path: the question by its number
 * (第5题), the field, and for list fields which entry (the 2nd option, the 3rd rubric item).
 * `section` and `index` are 1-based; `ordinal` is the question's place in its section, for a
 * question whose number is itself missing or wrong.
 */
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

/** One problem found in a bundle: where it is and what is wrong. */
export interface BundleError extends ProblemDetail {
  file: string;
  line?: number;
  path: string;
  field?: string;
  /** The question number and field, for an author (set by validateBundle on every problem). */
  location?: ProblemLocation;
}

/** A bundle as JSON: the two documents and each image path's sha256 (an intake draft has the same shape). */
export interface DraftBundle {
  paper: PaperDoc;
  rubric: RubricDoc | null;
  images: Record<string, string>;
}

/** `GET /api/papers/:id/bundle`: a stored version opened in the editor, and the asset each image shows as. */
export interface EditorBundle extends DraftBundle {
  versionId: string;
  slug: string;
  version: number;
  status: string;
  contentHash: string;
  /** image sha256 → the asset sha256 to show it with (they differ where an original was normalised). */
  assets: Record<string, string>;
}

/** `POST /api/papers/drafts/validate`: whether a draft would import, and every problem if not. */
export interface DraftValidation {
  ok: boolean;
  contentHash: string | null;
  problems: BundleError[];
}

/** A question's own fields as the server stores them and the paper page shows them (sub-questions apart). */
export interface QuestionFields {
  number: string;
  type: QuestionType;
  isObjective: boolean;
  points: number;
  stem: string;
  options: { label: string; text?: string }[] | null;
  blanks: number | null;
  answerKey: unknown;
  referenceAnswer: string | null;
  analysis: string | null;
  tags: string[];
  tolerance: number | null;
}

/**
 * The fields of one question of a bundle, defaults filled in: the importer stores them, the editor's
 * preview shows an unsaved question with them, so both read a question the same way. A composite's
 * points are the sum of its parts'. Pure.
 */
export function questionFields(q: QuestionDoc): QuestionFields {
  const subs = q.subQuestions ?? [];
  return {
    number: q.number,
    type: q.type,
    isObjective: OBJECTIVE_TYPES.includes(q.type),
    points:
      q.type === 'composite' ? subs.reduce((a, s) => a + (s.points ?? 0), 0) : (q.points ?? 0),
    stem: q.stem ?? '',
    options:
      q.options?.map((o) => ({ label: o.label, ...(o.text ? { text: o.text } : {}) })) ?? null,
    blanks: q.blanks ?? null,
    answerKey: q.answer ?? null,
    referenceAnswer: q.referenceAnswer ?? null,
    analysis: q.analysis ?? null,
    tags: q.tags ?? [],
    tolerance: q.tolerance ?? null,
  };
}

/** A subjective question's rubric with its defaults: items mode when it lists items, 0 to the question's points. */
export interface RubricFields {
  mode: 'items' | 'score';
  startingPoints: number;
  floor: number;
  ceiling: number;
  items: RubricItemDoc[];
  graderNotes: string | null;
  samples: RubricSampleDoc[];
}

/** The rubric a question is marked by (its entry of rubric.json, or none: score mode from 0 to its points). Pure. */
export function rubricFields(r: RubricQuestionDoc | undefined, points: number): RubricFields {
  return {
    mode: r?.mode ?? (r?.items?.length ? 'items' : 'score'),
    startingPoints: r?.startingPoints ?? 0,
    floor: r?.floor ?? 0,
    ceiling: r?.ceiling ?? points,
    items: r?.items ?? [],
    graderNotes: r?.graderNotes ?? null,
    samples: r?.samples ?? [],
  };
}
