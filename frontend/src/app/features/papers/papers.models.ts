import type { PaperListItem, PaperSummary as Summary } from '@yuejuan/contracts';

/** Shapes of the papers API, defined once in @yuejuan/contracts (the server's too). */
export type {
  ImportResult,
  PaperDetail,
  PaperListItem,
  QuestionView,
  RubricView,
} from '@yuejuan/contracts';

/** A paper's head; a library row also carries a newer draft beside the published version. */
export type PaperSummary = Summary & Partial<Pick<PaperListItem, 'draft'>>;

/** The subjects the library and the report offer as filters (the bundle format also allows other). */
export { FILTER_SUBJECTS as SUBJECTS } from '@yuejuan/contracts';

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

export interface PdfDocument {
  id: string;
  filename: string;
  pageCount: number | null;
  status: string;
  error: string | null;
  pages: { pageNumber: number; imageUrl: string; text: string }[];
}
