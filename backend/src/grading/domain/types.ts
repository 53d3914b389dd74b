/** What the grader needs to know about an item, and what it says about a response. No framework imports. */

// Bumped whenever a rule changes what is read or scored: every grade of an older version is re-graded once.
export const GRADER_VERSION = 'yj-grader@3';

export type GradableType =
  'single_choice' | 'multiple_choice' | 'true_false' | 'fill_blank' | 'composite';
export type MultiSelectRule = 'all_or_nothing' | 'subset_fixed' | 'per_correct_option';

export interface GradableItem {
  /** The sub-question's number inside a composite item; also used to find its `【答案N】` tag. */
  number?: string;
  type: GradableType;
  /** Legal option labels (single/multiple choice), optionally with their text for mapping a quoted option back. */
  options?: { label: string; text?: string }[];
  /** single: "B"; multiple: "ACD"; true_false: true/false; fill_blank: one entry per blank, each one answer or several accepted. */
  key?: string | boolean | (string | string[])[];
  points: number;
  blanks?: number;
  policy?: { rule: MultiSelectRule; partialPoints?: number };
  /** Per-subject synonym lists apply to fill-in-the-blank (for example physics: 变大 = 增大). */
  subject?: string;
  subQuestions?: GradableItem[];
  /**
   * The paper demands the key's own form for blanks: a percentage, a fraction and a decimal are not
   * interchangeable (otherwise 50% answers a key of 1/2).
   */
  isFormStrict?: boolean;
}

/** What the provider said about a response besides its text (finish reason `length`: cut off). */
export interface ResponseMeta {
  finishReason?: string | null;
}

/**
 * One decision of the grader, as a code with parameters (the client words it; `explain.ts` has
 * the English). Codes are listed in docs/grading.md.
 */
export interface TraceStep {
  code: string;
  params?: Record<string, string | number | boolean | null>;
}

export type GradeStatus = 'correct' | 'partial' | 'wrong' | 'not_scored' | 'unparsed';

export interface GradeResult {
  number?: string;
  score: number | null;
  maxScore: number;
  status: GradeStatus;
  /** How the answer was found and judged, e.g. "tag", "boxed", "anchor-zh", "last-line", "llm:<model>". */
  method: string;
  region: string | null;
  extracted: string | boolean | string[] | null;
  /** The decision in English, with the notable steps of the trace; kept for current consumers. */
  explanation: string;
  /** The decision as a code with parameters (what `explanation` says first). */
  reason: TraceStep;
  /** Every rule's decision, in the order the grader took them. */
  trace: TraceStep[];
  graderVersion: string;
  /** Per sub-question results of a composite item, per blank details of a fill-in-the-blank item. */
  parts?: GradeResult[];
}
