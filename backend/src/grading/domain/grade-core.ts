import { chooseCommitment, Reader } from './commitment';
import { blankMatches } from './equivalence';
import { explain, say } from './explain';
import { Parsed, parseTrueFalse, splitBlanks } from './parse';
import { parseMulti, parseSingle } from './parse-choice';
import { Region } from './region';
import { scoreBlanks, scoreMulti, scoreSingle, scoreTrueFalse } from './score';
import { GRADER_VERSION, GradableItem, GradeResult, GradeStatus, TraceStep } from './types';

/** The grader's building blocks: results with their explanation, readers per type, scoring what was read. */

export type Value = string | boolean | string[];

interface Fields {
  score: number | null;
  status: GradeStatus;
  method: string;
  region: string | null;
  extracted: Value | null;
  reason: TraceStep;
  trace: TraceStep[];
  parts?: GradeResult[];
  maxScore?: number;
}

export function result(item: GradableItem, f: Fields): GradeResult {
  return {
    number: item.number,
    score: f.score,
    maxScore: f.maxScore ?? item.points,
    status: f.status,
    method: f.method,
    region: f.region,
    extracted: f.extracted,
    explanation: explain(f.reason, f.trace),
    reason: f.reason,
    trace: f.trace,
    graderVersion: GRADER_VERSION,
    ...(f.parts && { parts: f.parts }),
  };
}

/** Not scored: every part of a composite item too, so each graded question gets its row. */
export function notScored(
  item: GradableItem,
  method: string,
  reason: TraceStep,
  trace: TraceStep[],
): GradeResult {
  const parts =
    item.type === 'composite'
      ? item.subQuestions?.map((q) => notScored(q, method, reason, []))
      : undefined;
  // The reason already says why there is nothing to read; the trace keeps the steps.
  return {
    ...result(item, {
      score: null,
      status: 'not_scored',
      method,
      region: null,
      extracted: null,
      reason,
      trace,
      parts,
    }),
    explanation: say(reason),
  };
}

export function unparsed(
  item: GradableItem,
  method: string,
  region: string | null,
  reason: TraceStep,
  trace: TraceStep[] = [],
): GradeResult {
  return result(item, {
    score: null,
    status: 'unparsed',
    method,
    region,
    extracted: null,
    reason,
    trace,
  });
}

function readerFor(item: GradableItem): Reader<Value> | null {
  const options = item.options ?? [];
  switch (item.type) {
    case 'single_choice':
      return (t, after, isLastLine) => parseSingle(t, options, { isLastLine, after });
    case 'multiple_choice':
      return (t, after) => parseMulti(t, options, { after });
    case 'true_false':
      return (t) => parseTrueFalse(t);
    case 'fill_blank':
      return (t) => splitBlanks(t, item.blanks ?? 1);
    default:
      return null;
  }
}

/** Two readings are the same answer: equal letters or verdicts; blanks equal by the blank rules. */
function sameAnswer(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => blankMatches(x, b[i]).equal);
  return a === b;
}

/** Scores what was read; `via` names the reading rule that applied (option text, several options). */
export function scored(
  item: GradableItem,
  parsed: Parsed<Value> & { ok: true },
  method: string,
  region: string,
  trace: TraceStep[],
): GradeResult {
  const value = parsed.value;
  const m = parsed.via ? `${method}:${parsed.via}` : method;
  const steps = [...trace, ...(parsed.notes ?? [])];
  if (parsed.via === 'option-text')
    steps.push({ code: 'read.option-text', params: { label: String(value) } });
  const s =
    item.type === 'single_choice'
      ? scoreSingle(value as string, item)
      : item.type === 'multiple_choice'
        ? scoreMulti(value as string, item)
        : item.type === 'true_false'
          ? scoreTrueFalse(value as boolean, item)
          : scoreBlanks(value as string[], item);
  const parts = s.parts?.map((p, i) =>
    result(
      { ...item, number: String(i + 1), points: p.maxScore },
      { ...p, method: m, region, reason: p.reason, trace: [], extracted: p.extracted },
    ),
  );
  return result(item, {
    score: s.score,
    status: s.status,
    method: m,
    region,
    extracted: value,
    reason: s.reason,
    trace: steps,
    parts,
  });
}

/** Parses and scores an answer region already located (by a rule, or returned by the LLM extractor). */
export function gradeRegion(
  item: GradableItem,
  region: string,
  method: string,
  isLastLine = false,
): GradeResult {
  const read = readerFor(item);
  if (!read)
    return unparsed(item, method, region, { code: 'unparsed.type', params: { type: item.type } });
  const parsed = read(region, '', isLastLine);
  if (!parsed.ok) return unparsed(item, method, region, parsed.reason);
  return scored(item, parsed, method, region, []);
}

/** Single answer items (and one-region blanks): the commitment the response finally makes. */
export function gradeCommitted(
  item: GradableItem,
  s: string,
  trace: TraceStep[],
): { graded: GradeResult; at: Region | null } {
  const read = readerFor(item)!;
  const chosen = chooseCommitment(s, read, sameAnswer);
  const steps = [...trace, ...chosen.trace];
  const r = chosen.region;
  if (!r)
    return {
      graded: unparsed(
        item,
        'none',
        null,
        chosen.parsed.ok ? { code: 'unparsed.no-answer' } : chosen.parsed.reason,
        steps,
      ),
      at: null,
    };
  const graded = chosen.parsed.ok
    ? scored(item, chosen.parsed, r.rule, r.text, steps)
    : unparsed(item, r.rule, r.text, chosen.parsed.reason, steps);
  return { graded, at: r };
}
