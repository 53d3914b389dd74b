import { TraceStep } from './types';

/**
 * The English wording of the grader's codes. The server stores and sends codes with parameters;
 * this text is the `explanation` that current consumers show, and the reference wording for a
 * client that translates the codes (docs/grading.md lists them).
 */

type P = Record<string, string | number | boolean | null>;

const TEXT: Record<string, (p: P) => string> = {
  // decisions
  'score.correct': (p) => `${p.answer} is the key`,
  'score.wrong': (p) => `${p.answer}, the key is ${p.key}`,
  'score.several': (p) => `chose ${p.answer} where one option is asked; the key is ${p.key}`,
  'score.not-in-key': (p) => `${p.wrong} not in the key ${p.key}`,
  'score.partial': (p) =>
    `${p.answer} is part of the key ${p.key}; ${p.rule} gives ${p.rule === 'per_correct_option' ? `${p.each} per correct option` : p.points}`,
  'score.blanks': (p) => `${p.correct} of ${p.of} blanks correct`,
  'score.blanks-undecided': (p) =>
    `${p.correct} of ${p.of} blanks correct; blank ${p.blanks} cannot be compared by rule: for a teacher`,
  'score.blank-match': (p) => `${p.how} match with ${p.key}`,
  'score.blank-differs': (p) => `not equal to ${p.keys}`,
  'score.blank-undecidable': (p) =>
    `cannot decide by rule whether it equals ${p.keys} (${p.why}): for a teacher`,
  'score.composite': (p) =>
    `${p.correct} of ${p.of} sub-questions correct${p.unread ? `, ${p.unread} unread` : ''}`,
  'unparsed.empty-answer': () => 'empty answer',
  'unparsed.no-answer': () => 'no answer found',
  'unparsed.no-letter': () => 'no option letter in the answer',
  'unparsed.no-letters': () => 'no option letters in the answer',
  'unparsed.illegal-option': (p) => `option ${p.letters} does not exist`,
  'unparsed.names-options': (p) => `the answer names ${p.letters}`,
  'unparsed.option-listing': () => 'the answer repeats the options rather than choosing one',
  'unparsed.several-named': (p) => `several options named (${p.letters})`,
  'unparsed.text-matches-several': (p) => `the text matches several options (${p.options})`,
  'unparsed.not-true-false': (p) => `"${p.text}" is not a true/false answer`,
  'unparsed.blank-count': (p) => `${p.found} answers for ${p.blanks} blanks`,
  'unparsed.negated': (p) => `the answer only rules out ${p.letters || 'options'}; it names none`,
  'unparsed.alternatives': (p) => `the answer offers alternatives (${p.letters}), not one answer`,
  'unparsed.two-answers': (p) =>
    `the response commits to two answers, ${p.earlier} (${p.earlierRule}) then ${p.final} (${p.finalRule}), with nothing retracting the first`,
  'unparsed.cut-at-answer': (p) =>
    `the response was cut off (finish reason ${p.finishReason}) right after its answer, which may be incomplete`,
  'unparsed.composite-missing': (p) =>
    `no anchored answer for sub-question ${p.number} (${p.tags} answer tags for ${p.subs} sub-questions)`,
  'unparsed.type': (p) => `${p.type} items are not graded from one region`,
  'unparsed.llm-none': (p) => `${p.before}; the LLM extractor found no answer either`,
  'not-scored.empty': () => 'empty response: the model gave no answer',
  'not-scored.cut-in-reasoning': (p) =>
    `cut off inside its reasoning (<think> never closed, ${p.chars} characters): reasoning is never graded`,
  'not-scored.cut-off': (p) => `cut off (finish reason ${p.finishReason}) before giving an answer`,
  'not-scored.not-applicable': () => 'image question put to a text-only model',
  'not-scored.no-answer': () => 'no answer: error or refusal',
  // steps
  'clean.reasoning-dropped': (p) => `reasoning (${p.chars} characters) dropped, never graded`,
  'clean.reasoning-unclosed': (p) =>
    `an unclosed <think> (${p.chars} characters) dropped as reasoning`,
  'region.found': (p) =>
    `read from ${p.rule} "${p.text}"${Number(p.of) > 1 ? ` (${p.occurrence} of ${p.of})` : ''}`,
  'region.retracted': (p) =>
    `${p.earlier} (${p.earlierRule}) retracted ("${p.cue}"); final ${p.final} (${p.finalRule})`,
  'region.passed-over': (p) =>
    `"${p.text}" (${p.rule}) passed over: ${TEXT[String(p.why)]?.({}) ?? p.why}`,
  'region.llm': (p) => `read by the LLM extractor ${p.model}: "${p.output}"`,
  'region.cut-off': (p) => `cut off (finish reason ${p.finishReason}) after the answer`,
  'read.sentence-end': (p) =>
    `answer ends with its sentence "${p.kept}"; "${p.dropped}" is explanation`,
  'read.ruled-out': (p) => `${p.letters} named only to be ruled out`,
  'read.option-text': (p) => `the text of option ${p.label}`,
  'read.labelled-blanks': (p) => `${p.count} blanks by their labels`,
};

/** Steps that change how an answer was read; the plain ones (region, letter) are in `method` and `region`. */
export const NOTABLE_STEPS: ReadonlySet<string> = new Set([
  'clean.reasoning-dropped',
  'clean.reasoning-unclosed',
  'region.retracted',
  'region.passed-over',
  'region.cut-off',
  'region.llm',
  'read.sentence-end',
  'read.ruled-out',
  'read.option-text',
]);

export function say(step: TraceStep): string {
  return TEXT[step.code]?.(step.params ?? {}) ?? step.code;
}

/** The decision, then the notable steps that led to it. */
export function explain(reason: TraceStep, trace: TraceStep[]): string {
  const notes = trace.filter((t) => NOTABLE_STEPS.has(t.code)).map(say);
  return notes.length ? `${say(reason)} (${notes.join('; ')})` : say(reason);
}
