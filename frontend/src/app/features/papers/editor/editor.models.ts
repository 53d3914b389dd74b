/**
 * The editor's model is the bundle itself: what paper.json and rubric.json hold, plus each image
 * path's sha256 (types in @yuejuan/contracts, the server's too). An intake draft from a Word or PDF
 * file is the same shape, so opening one is only a load step.
 */
import {
  OBJECTIVE_TYPES,
  type DraftBundle,
  type PaperDoc,
  type QuestionDoc,
  type QuestionType,
} from '@yuejuan/contracts';

export {
  MULTI_SELECT_RULES,
  OBJECTIVE_TYPES,
  QUESTION_TYPES,
  STAGES,
  SUBJECTS as ALL_SUBJECTS,
} from '@yuejuan/contracts';
export type {
  BlankKey,
  BundleError as Problem,
  DraftBundle,
  DraftValidation,
  EditorBundle,
  ImageRef,
  MultiSelectRule,
  OptionDoc,
  PaperDoc,
  PassageDoc,
  ProblemLocation,
  QuestionDoc,
  QuestionType,
  RubricDoc,
  RubricItemDoc,
  RubricQuestionDoc,
  RubricSampleDoc,
  ScoringPolicy,
  SectionDoc,
} from '@yuejuan/contracts';
export const OPTION_LABELS = 'ABCDEFGHIJ'.split('');

/** A question's place: section, question, and sub-question for a composite's part. */
export interface QuestionRef {
  s: number;
  i: number;
  k?: number;
}
export type Selection =
  { kind: 'paper' } | { kind: 'section'; s: number } | ({ kind: 'question' } & QuestionRef);

export function isSubjective(type: string): boolean {
  return !(OBJECTIVE_TYPES as readonly string[]).includes(type) && type !== 'composite';
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
