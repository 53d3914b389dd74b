/**
 * The papers API: the library's rows, one paper with its questions, and an import's answer.
 * `At` is a time's type: a Date where the server reads it, the ISO string it becomes on the wire.
 */
import type { QuestionFields, ScoringPolicy } from './bundle';

/** `GET /api/papers` row and the head of a paper's detail. */
export interface PaperSummary {
  id: string;
  slug: string;
  version: number;
  contentHash: string;
  title: string;
  subject: string;
  grade: number;
  stage: string;
  year: number;
  region: string;
  language: string;
  totalPoints: number;
  questionCount: number;
  imageQuestionCount: number;
  status: string;
  source: Record<string, string>;
}

/** A library row: the version shown, and a newer draft of the same paper if there is one. */
export interface PaperListItem<At = string> extends PaperSummary {
  draft: { id: string; version: number; contentHash: string; createdAt: At } | null;
}

/** A question's rubric as a person reads it (rubrics table, floor and ceiling named for the screen). */
export interface RubricView {
  mode: 'items' | 'score';
  startingPoints: number;
  floor: number;
  ceiling: number;
  items: { id: string; points: number; description: string; group?: string }[];
  graderNotes: string | null;
  samples: { answer: string; score: number; note?: string }[];
  isDerived: boolean;
}

export interface QuestionImageView {
  sha256: string;
  url: string;
  role: string;
  optionLabel: string | null;
  alt: string | null;
}

/** One question (or sub-question) of a stored version, as the paper page and the marking screen show it. */
export interface QuestionView extends Omit<QuestionFields, 'type'> {
  id: string;
  sectionTitle: string | null;
  /** A question type (QUESTION_TYPES), as stored. */
  type: string;
  passage: string | null;
  images: QuestionImageView[];
  rubric: RubricView | null;
  provenance: Record<string, unknown> | null;
  subQuestions: QuestionView[];
}

/** `GET /api/papers/:id`: a version, every version of its paper, and its questions in paper order. */
export interface PaperDetail<At = string> extends PaperSummary {
  scoringPolicy: ScoringPolicy;
  versions: { id: string; version: number; contentHash: string; status: string; createdAt: At }[];
  questions: QuestionView[];
}

/** `POST /api/papers/import` and a saved draft: the version the bundle became. */
export interface ImportResult {
  status: 'created' | 'unchanged';
  paperId: string;
  versionId: string;
  version: number;
  contentHash: string;
  slug: string;
}
