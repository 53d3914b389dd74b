/**
 * The contract between intake (Word/PDF → draft) and the paper editor. A draft is the bundle
 * model itself (what paper.yaml parses into), so the editor edits one shape from first upload to
 * publish; beside it intake says how sure it is of each piece and what it could not place.
 * Plain types: no framework imports, so the frontend can mirror them.
 */
import type { PaperDoc, RubricDoc } from '../bundle/bundle.types';

export const INTAKE_DRAFT_FORMAT = 'yuejuan/intake-draft@1';

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/**
 * How sure the splitter is of one recognised piece. `path` is dotted into `paper`
 * (`sections.0.questions.3.answer`, `sections.1.questions.0.subQuestions.1.points`, `subject`).
 * `reasonCode` says why, for the client to put in words:
 * - points: `heading_points` from the section heading (每小题5分, or 共M分 shared evenly),
 *   `inline_points` from the question (（12分）), `points_missing` none found (left undefined)
 * - type: `type_from_heading` from the section title, `type_from_options` options but no
 *   choice heading, `type_from_blanks` from ____, `type_from_key` several letters made it
 *   multiple choice, `type_composite` sub-questions with their own points, `type_default`
 *   nothing said (short_answer)
 * - answer / referenceAnswer: `key_matched` from the answer section or 【答案】, `key_not_found`
 *   no entry for this number, `key_not_option` a letter names no option, `key_blank_count` the
 *   values do not match the blanks, `key_from_analysis` only an analysis was given (used as the
 *   reference answer), `unparsed_answer` an entry whose key could not be read
 * - options: `options_inline` on one line, `options_lines` one per line, `options_incomplete`
 *   a gap in the letters or a single option
 * - metadata (title, subject, grade, stage, year, region, source.licence): `meta_from_title`
 *   read from the title lines, `meta_default` defaulted (the licence always)
 */
export interface IntakeConfidence {
  path: string;
  level: ConfidenceLevel;
  reasonCode: string;
  params?: Record<string, string | number>;
}

/**
 * Text intake could not place. Never dropped: the editor shows it so the author can paste it
 * where it belongs. `page` (PDF, 1-based) or `paragraph` (block index in the Word body, 0-based).
 * reasonCode: `preamble` the notes to candidates (注意事项…), `before_first_question` text
 * between the title and question 1 that is not a heading, `orphan_text` a heading with no
 * questions or a line of the answer section before any entry, `answer_without_question` an
 * answer-section entry naming no question, `unparsed_answer` an answer entry whose key could
 * not be read, `page_furniture` a PDF page number or footer, `part_heading` 第Ⅱ卷（非选择题）
 * (the bundle has sections only; （一）（二） parts of a section become sections).
 */
export interface IntakeUnrecognised {
  text: string;
  page?: number;
  paragraph?: number;
  reasonCode: string;
}

/**
 * Something the author must act on, at the (sub-)question, option or passage in `path`.
 * `mathtype_image`: a MathType/OLE equation kept as its preview image (params.image names it in
 * `images`) with a marker where it stood, to be retyped as LaTeX; params.image is '' and
 * params.contentType says why when the preview could not be decoded (EMF/WMF), or is
 * 'no-preview <ProgID>' when it had none. `equation_unconverted`: a Word equation the converter could not turn into
 * LaTeX (kept as its plain text, params.text). `image_unreadable`: an embedded picture that could
 * not be decoded or was past the image limit (params.contentType, 'too-many'); a marker stays in
 * the text. `pdf_figures`: a PDF's figures are not extracted; crop them from the page images
 * (params.pdfId, params.pages).
 */
export type IntakeFlagCode =
  'mathtype_image' | 'equation_unconverted' | 'image_unreadable' | 'pdf_figures';

export interface IntakeFlag {
  code: IntakeFlagCode;
  /** Dotted path into `paper` of the piece holding it ('' for the whole paper). */
  path: string;
  params: Record<string, string | number>;
}

/** An image referenced by the draft (`ImageRef.file` = `name`), already normalised and stored. */
export interface IntakeImage {
  name: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
}

export interface IntakeSource {
  kind: 'docx' | 'pdf';
  filename: string;
  /** For a PDF: the stored document, whose page images the author crops figures from. */
  pdfId?: string;
  pages?: number;
}

export interface IntakeDraft {
  format: typeof INTAKE_DRAFT_FORMAT;
  source: IntakeSource;
  /** A bundle paper; it may not validate yet (missing points, keys, licence): the editor shows why. */
  paper: PaperDoc;
  /** Intake never writes rubrics today; the field is here so editor and intake share one shape. */
  rubric?: RubricDoc;
  images: IntakeImage[];
  confidence: IntakeConfidence[];
  unrecognised: IntakeUnrecognised[];
  flags: IntakeFlag[];
  /** Counts for a summary line: questions found, keys matched, points found. */
  stats: { questions: number; withKey: number; withPoints: number; objective: number };
}
