/**
 * The subjects the library and the report offer as filters: the Gaokao nine and primary science
 * (the bundle format also allows other). 道德与法治 is reported as politics (exam-papers/README.md).
 */
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
];

/** Shapes of the papers API (backend papers.dto.ts). */
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
  /** In the library: a newer draft of the same paper, set beside the published version. */
  draft?: { id: string; version: number; contentHash: string; createdAt: string } | null;
}

export interface RubricView {
  mode: 'items' | 'score';
  startingPoints: number;
  floor: number;
  ceiling: number;
  items: { id: string; points: number; description: string }[];
  graderNotes: string | null;
  samples: { answer: string; score: number; note?: string }[];
  isDerived: boolean;
}

export interface QuestionView {
  id: string;
  number: string;
  sectionTitle: string | null;
  type: string;
  isObjective: boolean;
  points: number;
  stem: string;
  passage: string | null;
  options: { label: string; text?: string }[] | null;
  blanks: number | null;
  answerKey: unknown;
  referenceAnswer: string | null;
  analysis: string | null;
  tags: string[];
  tolerance: number | null;
  images: {
    sha256: string;
    url: string;
    role: string;
    optionLabel: string | null;
    alt: string | null;
  }[];
  rubric: RubricView | null;
  provenance: Record<string, string | number> | null;
  subQuestions: QuestionView[];
}

export interface PaperDetail extends PaperSummary {
  scoringPolicy: Record<string, unknown>;
  versions: {
    id: string;
    version: number;
    contentHash: string;
    status: string;
    createdAt: string;
  }[];
  questions: QuestionView[];
}

export type ContentPart =
  { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface RenderedQuestion {
  questionId: string;
  number: string;
  templateVersion: string;
  mode: 'text' | 'vision';
  imageProfile: string | null;
  flags: string[];
  imageCount: number;
  messages: { role: 'system' | 'user'; content: string | ContentPart[] }[];
}

export type { Problem as BundleError } from './editor/editor.models';

export interface ImportResult {
  status: 'created' | 'unchanged';
  versionId: string;
  version: number;
  slug: string;
  contentHash: string;
}

export interface PdfDocument {
  id: string;
  filename: string;
  pageCount: number | null;
  status: string;
  error: string | null;
  pages: { pageNumber: number; imageUrl: string; text: string }[];
}
