import { GRADING_ZH } from './grading.zh';

/** English wording of the grader's codes, as backend grading/domain/explain.ts words them. */
export const GRADING_EN: Record<keyof typeof GRADING_ZH, string> = {
  'grade.reason.score.correct': '{answer} is the key',
  'grade.reason.score.wrong': '{answer}, the key is {key}',
  'grade.reason.score.several': 'chose {answer} where one option is asked; the key is {key}',
  'grade.reason.score.not-in-key': '{wrong} not in the key {key}',
  'grade.reason.score.partial': '{answer} is part of the key {key}; scored by {rule}',
  'grade.reason.score.blanks': '{correct} of {of} blanks correct',
  'grade.reason.score.blanks-undecided':
    '{correct} of {of} blanks correct; blank {blanks} cannot be compared by rule: for a teacher',
  'grade.reason.score.blank-match': '{how} match with {key}',
  'grade.reason.score.blank-differs': 'not equal to {keys}',
  'grade.reason.score.blank-undecidable':
    'cannot decide by rule whether it equals {keys} ({why}): for a teacher',
  'grade.reason.score.composite': '{correct} of {of} sub-questions correct',
  'grade.reason.unparsed.empty-answer': 'empty answer',
  'grade.reason.unparsed.no-answer': 'no answer found',
  'grade.reason.unparsed.no-letter': 'no option letter in the answer',
  'grade.reason.unparsed.no-letters': 'no option letters in the answer',
  'grade.reason.unparsed.illegal-option': 'option {letters} does not exist',
  'grade.reason.unparsed.names-options': 'the answer names {letters}',
  'grade.reason.unparsed.option-listing': 'the answer repeats the options rather than choosing one',
  'grade.reason.unparsed.several-named': 'several options named ({letters})',
  'grade.reason.unparsed.text-matches-several': 'the text matches several options ({options})',
  'grade.reason.unparsed.not-true-false': '"{text}" is not a true/false answer',
  'grade.reason.unparsed.blank-count': '{found} answers for {blanks} blanks',
  'grade.reason.unparsed.negated': 'the answer only rules out {letters}; it names none',
  'grade.reason.unparsed.alternatives':
    'the answer offers alternatives ({letters}), not one answer',
  'grade.reason.unparsed.two-answers':
    'the response commits to two answers, {earlier} ({earlierRule}) then {final} ({finalRule}), with nothing retracting the first',
  'grade.reason.unparsed.cut-at-answer':
    'the response was cut off (finish reason {finishReason}) right after its answer, which may be incomplete',
  'grade.reason.unparsed.composite-missing': 'no anchored answer for sub-question {number}',
  'grade.reason.unparsed.type': '{type} items are not graded from one region',
  'grade.reason.unparsed.llm-none':
    'the rules found no answer; the LLM extractor found none either',
  'grade.reason.not-scored.empty': 'empty response: the model gave no answer',
  'grade.reason.not-scored.cut-in-reasoning':
    'cut off inside its reasoning (<think> never closed, {chars} characters): reasoning is never graded',
  'grade.reason.not-scored.cut-off':
    'cut off (finish reason {finishReason}) before giving an answer',
  'grade.reason.not-scored.not-applicable': 'image question put to a text-only model',
  'grade.reason.not-scored.no-answer': 'no answer: error or refusal',
  'grade.step.clean.reasoning-dropped': 'reasoning ({chars} characters) dropped, never graded',
  'grade.step.clean.reasoning-unclosed':
    'an unclosed <think> ({chars} characters) dropped as reasoning',
  'grade.step.region.found': 'read from {rule} "{text}"',
  'grade.step.region.retracted':
    '{earlier} ({earlierRule}) retracted ("{cue}"); final {final} ({finalRule})',
  'grade.step.region.passed-over': '"{text}" ({rule}) passed over',
  'grade.step.region.llm': 'read by the LLM extractor {model}: "{output}"',
  'grade.step.region.cut-off': 'cut off (finish reason {finishReason}) after the answer',
  'grade.step.read.sentence-end':
    'answer ends with its sentence "{kept}"; "{dropped}" is explanation',
  'grade.step.read.ruled-out': '{letters} named only to be ruled out',
  'grade.step.read.option-text': 'the text of option {label}',
  'grade.step.read.labelled-blanks': '{count} blanks by their labels',
  'grade.withSteps': '{decision} ({steps})',
  'grade.stepJoin': '; ',
};
