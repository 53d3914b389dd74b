import { preClean, splitReasoning } from './clean';
import { explain } from './explain';
import { gradeCommitted, notScored, unparsed } from './grade-core';
import { gradeBlanks, gradeComposite } from './grade-parts';
import { firstSentence } from './parse';
import { Region } from './region';
import { GradableItem, GradeResult, ResponseMeta, TraceStep } from './types';

/**
 * The grader: reasoning set apart, pre-clean, find the answer the response commits to, parse it
 * by type against the legal options, score it by the item's rules, and explain every decision.
 * What the rules cannot read is UNPARSED (for the LLM extractor, then a teacher), never a
 * default answer; a response with no answer at all is NOT SCORED, never wrong.
 */

export { gradeRegion } from './grade-core';

/**
 * Cut off by the length limit (finish reason `length`): with no committed answer before the cut,
 * the model gave none (not scored); an answer at the very end may be incomplete (a teacher
 * reads it); an answer followed by more text stands, with the cut noted.
 */
function afterCut(
  item: GradableItem,
  g: GradeResult,
  at: Region | null,
  s: string,
  finishReason: string,
): GradeResult {
  const params = { finishReason };
  if (!at || at.rule === 'last-line' || at.rule === 'anchor-zh-weak')
    return notScored(item, g.method, { code: 'not-scored.cut-off', params }, g.trace);
  if (g.status === 'unparsed') return g;
  // The answer is complete when its sentence ended, or more text followed it, before the cut.
  const isComplete = firstSentence(at.text).dropped !== '' || at.end < s.trimEnd().length - 1;
  if (!isComplete)
    return unparsed(item, g.method, g.region, { code: 'unparsed.cut-at-answer', params }, g.trace);
  const trace = [...g.trace, { code: 'region.cut-off', params }];
  return { ...g, trace, explanation: explain(g.reason, trace) };
}

export function gradeResponse(
  item: GradableItem,
  text: string | null | undefined,
  meta: ResponseMeta = {},
): GradeResult {
  const { answer, reasoningChars, isUnclosed } = splitReasoning(text ?? '');
  const trace: TraceStep[] = [];
  if (reasoningChars)
    trace.push({
      code: isUnclosed ? 'clean.reasoning-unclosed' : 'clean.reasoning-dropped',
      params: { chars: reasoningChars },
    });
  const s = preClean(answer);
  const finishReason = meta.finishReason === 'length' ? 'length' : null;
  if (!s.trim()) {
    const reason: TraceStep = isUnclosed
      ? { code: 'not-scored.cut-in-reasoning', params: { chars: reasoningChars } }
      : finishReason
        ? { code: 'not-scored.cut-off', params: { finishReason } }
        : { code: 'not-scored.empty' };
    return notScored(item, isUnclosed ? 'cut-off' : 'empty', reason, trace);
  }
  if (item.type === 'composite') return gradeComposite(item, s, trace);
  const { graded, at } =
    item.type === 'fill_blank' ? gradeBlanks(item, s, trace) : gradeCommitted(item, s, trace);
  return finishReason ? afterCut(item, graded, at, s, finishReason) : graded;
}

// Reasons that mean "nothing readable found": a second reader may find the answer. A hedge, two
// commitments, a negation, a cut-off or a blank the rules cannot compare are read correctly
// already; another reader must not turn them into a credited answer.
const EXTRACTABLE = new Set([
  'unparsed.no-answer',
  'unparsed.no-letter',
  'unparsed.no-letters',
  'unparsed.not-true-false',
  'unparsed.blank-count',
  'unparsed.composite-missing',
  'unparsed.empty-answer',
  'unparsed.option-listing',
  'unparsed.names-options',
]);

/** Whether an unparsed result may be given to the LLM extractor. */
export function isExtractable(r: GradeResult): boolean {
  if (r.status !== 'unparsed') return false;
  if (r.parts && r.reason.code === 'score.composite')
    return r.parts.every((p) => p.status !== 'unparsed' || isExtractable(p));
  return EXTRACTABLE.has(r.reason.code);
}
