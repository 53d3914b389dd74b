/**
 * The paper bundle format (docs/paper-format.md), defined once in @yuejuan/contracts (the editor
 * edits the same documents): re-exported here for the validator, importer and renderer.
 */
export {
  MULTI_SELECT_RULES,
  OBJECTIVE_TYPES,
  QUESTION_TYPES,
  STAGES,
  SUBJECTS,
} from '@yuejuan/contracts';
export type {
  BlankKey,
  BundleError,
  ImageRef,
  MultiSelectRule,
  OptionDoc,
  PaperDoc,
  PassageDoc,
  QuestionDoc,
  QuestionType,
  RubricDoc,
  RubricItemDoc,
  RubricQuestionDoc,
  ScoringPolicy,
  SectionDoc,
  Stage,
  Subject,
} from '@yuejuan/contracts';
