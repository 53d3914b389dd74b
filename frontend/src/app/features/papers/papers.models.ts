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

/** What a model is sent for each question (the preview shows it). */
export type { ContentPart, RenderedQuestion } from '@yuejuan/contracts';

export type { Problem as BundleError } from './editor/editor.models';

export interface PdfDocument {
  id: string;
  filename: string;
  pageCount: number | null;
  status: string;
  error: string | null;
  pages: { pageNumber: number; imageUrl: string; text: string }[];
}
