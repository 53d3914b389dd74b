import { isJsonObject, readJsonLine } from '../../common/jsonl';
import { gradeResponse } from './grade';
import { GradableItem, GradableType, GradeResult, MultiSelectRule } from './types';

/**
 * The standalone batch grader (docs/grading.md): JSONL in, one line per response with its question
 * inline; JSONL out, one result per line. No database. Input is checked whole before anything is
 * graded, and every error names its line and field.
 */

export interface BatchError {
  line: number;
  field: string;
  message: string;
}

export interface BatchLine {
  id: string | number | null;
  item: GradableItem;
  response: string;
  finishReason: string | null;
}

const TYPES: GradableType[] = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'fill_blank',
  'composite',
];
const RULES: MultiSelectRule[] = ['all_or_nothing', 'subset_fixed', 'per_correct_option'];

export function checkItem(
  q: unknown,
  path: string,
  line: number,
  errors: BatchError[],
): GradableItem | null {
  const fail = (field: string, message: string) => (
    errors.push({ line, field: `${path}${field}`, message }),
    null
  );
  if (!q || typeof q !== 'object' || Array.isArray(q)) return fail('', 'must be an object');
  const o = q as Record<string, unknown>;
  const type = o.type as GradableType;
  if (!TYPES.includes(type)) return fail('.type', `must be one of ${TYPES.join(', ')}`);
  const options = Array.isArray(o.options)
    ? o.options.map((x) =>
        typeof x === 'string' ? { label: x } : (x as { label: string; text?: string }),
      )
    : undefined;
  if (
    (type === 'single_choice' || type === 'multiple_choice') &&
    !options?.every((x) => typeof x?.label === 'string' && /^[A-Z]$/.test(x.label))
  )
    return fail(
      '.options',
      'must list the option labels, e.g. ["A","B","C","D"] or [{"label":"A","text":"…"}]',
    );
  const labels = new Set(options?.map((x) => x.label));
  const key = o.key;
  if (type === 'single_choice' && !(typeof key === 'string' && labels.has(key)))
    return fail('.key', 'must be one of the option labels');
  if (
    type === 'multiple_choice' &&
    !(typeof key === 'string' && key.length > 0 && [...key].every((l) => labels.has(l)))
  )
    return fail('.key', 'must be option labels, e.g. "ACD"');
  if (type === 'true_false' && typeof key !== 'boolean')
    return fail('.key', 'must be true or false');
  const blanks = o.blanks === undefined ? (Array.isArray(key) ? key.length : 1) : o.blanks;
  if (type === 'fill_blank') {
    if (!Number.isInteger(blanks) || (blanks as number) < 1)
      return fail('.blanks', 'must be a positive integer');
    if (
      !Array.isArray(key) ||
      key.length !== blanks ||
      !key.every(
        (k) => typeof k === 'string' || (Array.isArray(k) && k.every((x) => typeof x === 'string')),
      )
    )
      return fail(
        '.key',
        `must list ${String(blanks)} blank answers (a string, or an array of accepted strings, each)`,
      );
  }
  const points = o.points;
  if (
    type !== 'composite' &&
    !(typeof points === 'number' && Number.isFinite(points) && points >= 0)
  )
    return fail('.points', 'must be a finite number ≥ 0');
  const policy = o.policy as GradableItem['policy'] | undefined;
  if (policy !== undefined && !(policy && RULES.includes(policy.rule)))
    return fail('.policy.rule', `must be one of ${RULES.join(', ')}`);
  let subQuestions: GradableItem[] | undefined;
  if (type === 'composite') {
    if (!Array.isArray(o.subQuestions) || !o.subQuestions.length)
      return fail('.subQuestions', 'must list the sub-questions');
    subQuestions = o.subQuestions.map((s, i) =>
      checkItem(s, `${path}.subQuestions[${i}]`, line, errors)!,
    );
    if (subQuestions.some((s) => !s)) return null;
  }
  return {
    type,
    number: typeof o.number === 'string' ? o.number : undefined,
    options,
    key: key as GradableItem['key'],
    points:
      type === 'composite' ? subQuestions!.reduce((a, s) => a + s.points, 0) : (points as number),
    blanks: type === 'fill_blank' ? (blanks as number) : undefined,
    policy,
    subject: typeof o.subject === 'string' ? o.subject : undefined,
    isFormStrict: o.strictForm === true || undefined,
    subQuestions,
  };
}

/**
 * Checks one line (1-based `line`); pushes its errors and returns null when it is bad, nothing
 * for a blank line. Lines are independent, so a file can be checked one line at a time.
 */
export function checkLine(raw: string, line: number, errors: BatchError[]): BatchLine | null {
  const read = readJsonLine(raw, line);
  if (!read) return null;
  if (!read.ok)
    return (
      errors.push({ line, field: '', message: `not JSON: ${(read.error as Error).message}` }),
      null
    );
  const o = read.value;
  if (!isJsonObject(o))
    return (errors.push({ line, field: '', message: 'must be a JSON object' }), null);
  if (typeof o.response !== 'string')
    return (
      errors.push({ line, field: 'response', message: 'must be the response text (a string)' }),
      null
    );
  const finish = o.finish_reason ?? o.finishReason;
  if (finish !== undefined && finish !== null && typeof finish !== 'string')
    return (
      errors.push({
        line,
        field: 'finish_reason',
        message: 'must be the provider\'s finish reason (a string), e.g. "stop" or "length"',
      }),
      null
    );
  const item = checkItem(o.question, 'question', line, errors);
  if (!item) return null;
  return {
    id: (o.id as string | number | undefined) ?? null,
    item,
    response: o.response,
    finishReason: (finish as string | undefined) ?? null,
  };
}

/** Parses and checks every line; returns the lines, or all the errors found. */
export function parseBatch(text: string): { lines: BatchLine[]; errors: BatchError[] } {
  const lines: BatchLine[] = [];
  const errors: BatchError[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = checkLine(raw, i + 1, errors);
    if (l) lines.push(l);
  });
  if (!lines.length && !errors.length)
    errors.push({ line: 1, field: '', message: 'no lines to grade' });
  return { lines, errors };
}

export type BatchResult = GradeResult & { id: string | number | null };

export function gradeLine(l: BatchLine): BatchResult {
  return { id: l.id, ...gradeResponse(l.item, l.response, { finishReason: l.finishReason }) };
}

export function gradeBatch(lines: BatchLine[]): BatchResult[] {
  return lines.map(gradeLine);
}
