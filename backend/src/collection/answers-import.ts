/**
 * Answers produced elsewhere, one JSON object per line (docs/answers-import.md):
 *   {"paper": "<paper id or version id>", "question": "<number>", "model": "<name>", "sample": 0,
 *    "response": "…", "reasoning": "…", "finish_reason": "stop", "usage": {"prompt_tokens": 1, "completion_tokens": 2},
 *    "simulated": false}
 * and the GAOKAO-Bench result files, converted to such lines by their provenance. Pure: no I/O.
 */
import { ErrorParams, ProblemDetail } from '../common/domain-errors';
import { CONTROL_CHARS, decodeUtf8, InputError, parseJson } from '../common/safe-input';
import { isJsonObject, readJsonLines } from '../common/jsonl';

export interface AnswerLine {
  line: number;
  paper: string;
  question: string | null;
  /** GAOKAO-Bench provenance, resolved to a question by the importer when `question` is null. */
  provenance: { file: string; index: number } | null;
  model: string;
  sample: number;
  response: string;
  reasoning: string | null;
  finishReason: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
  /** The line says its answer was drawn by a script, not written by a model (the demo's K12 stand-in). */
  simulated: boolean;
}

export interface ImportLineError extends ProblemDetail {
  file: string;
  line: number;
  field?: string;
}

/** Sample indexes and token counts are stored as PostgreSQL int; a sample past this is a mistake (a timestamp). */
export const MAX_SAMPLE = 9999;
const MAX_INT4 = 2_147_483_647;

const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const int = (v: unknown, max = MAX_INT4) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const FIELDS = new Set([
  'paper',
  'question',
  'model',
  'sample',
  'response',
  'reasoning',
  'finish_reason',
  'usage',
  'simulated',
]);

/** The text of an upload or a file: strict UTF-8 without its byte-order mark, or one error for the whole file. */
function textOf(
  file: string,
  input: string | Uint8Array,
): { text: string } | { error: ImportLineError } {
  try {
    const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeUtf8(input);
    return { text };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return {
      error: {
        file,
        line: e.line ?? 1,
        code: e.code,
        params: { file, ...e.params },
        message: e.message,
      },
    };
  }
}

/** Parses and checks every line; returns all errors rather than stopping at the first. */
export function parseAnswersJsonl(
  file: string,
  input: string | Uint8Array,
): { lines: AnswerLine[]; errors: ImportLineError[] } {
  const lines: AnswerLine[] = [];
  const errors: ImportLineError[] = [];
  const decoded = textOf(file, input);
  if ('error' in decoded) return { lines, errors: [decoded.error] };
  // Each line parsed with the nesting limit; CRLF line ends (Windows editors) read like LF ones.
  for (const read of readJsonLines(decoded.text, parseJson)) {
    const line = read.line;
    if (!read.ok) {
      const e = read.error;
      if (!(e instanceof InputError)) throw e;
      errors.push({
        file,
        line,
        code: e.code,
        params: { file, line, ...e.params },
        message: e.message,
      });
      continue;
    }
    const o = read.value;
    if (!isJsonObject(o)) {
      errors.push({
        file,
        line,
        code: 'answers.not_object',
        params: { file, line },
        message: 'each line must be a JSON object',
      });
      continue;
    }
    const fail = (
      field: string,
      message: string,
      code = 'answers.field_invalid',
      params: ErrorParams = {},
    ) =>
      errors.push({ file, line, field, code, params: { file, line, field, ...params }, message });
    if (!str(o.paper))
      fail('paper', 'required: the paper id (slug) or version id', 'answers.field_required');
    if (!str(o.question))
      fail(
        'question',
        'required: the question number as printed in the paper, e.g. "17"',
        'answers.field_required',
      );
    if (!str(o.model)) fail('model', 'required: the model name', 'answers.field_required');
    if (o.sample !== undefined && !int(o.sample, MAX_SAMPLE))
      fail(
        'sample',
        `must be a whole number from 0 to ${MAX_SAMPLE}, got ${JSON.stringify(o.sample)}`,
        'answers.out_of_range',
        {
          min: 0,
          max: MAX_SAMPLE,
        },
      );
    if (typeof o.response !== 'string')
      fail('response', 'required: the raw model output (a string)', 'answers.field_required');
    // Names must be clean; model text may hold any character PostgreSQL can store (all but NUL).
    for (const k of ['paper', 'question', 'model', 'finish_reason'])
      if (typeof o[k] === 'string' && CONTROL_CHARS.test(o[k] as string))
        fail(k, 'contains a control character', 'answers.control_character');
    for (const k of ['response', 'reasoning'])
      if (typeof o[k] === 'string' && (o[k] as string).includes('\u0000'))
        fail(k, 'contains a NUL character, which cannot be stored', 'answers.control_character');
    if (o.simulated !== undefined && typeof o.simulated !== 'boolean')
      fail('simulated', 'must be true or false');
    const usage = (o.usage ?? {}) as Record<string, unknown>;
    if (
      o.usage !== undefined &&
      (!o.usage || typeof o.usage !== 'object' || Array.isArray(o.usage))
    )
      fail('usage', 'must be an object');
    for (const k of ['prompt_tokens', 'completion_tokens'])
      if (usage[k] !== undefined && !int(usage[k]))
        fail(
          `usage.${k}`,
          `must be a whole number from 0 to ${MAX_INT4}, got ${JSON.stringify(usage[k])}`,
          'answers.out_of_range',
          {
            min: 0,
            max: MAX_INT4,
          },
        );
    for (const k of Object.keys(o))
      if (!FIELDS.has(k)) fail(k, `unknown field "${k}"`, 'answers.unknown_field');
    lines.push({
      line,
      paper: String(o.paper),
      question: String(o.question),
      provenance: null,
      model: String(o.model),
      sample: (o.sample as number | undefined) ?? 0,
      response: String(o.response ?? ''),
      reasoning: typeof o.reasoning === 'string' ? o.reasoning : null,
      finishReason: typeof o.finish_reason === 'string' ? o.finish_reason : null,
      tokensIn: (usage.prompt_tokens as number | undefined) ?? null,
      tokensOut: (usage.completion_tokens as number | undefined) ?? null,
      simulated: o.simulated === true,
    });
  }
  return { lines, errors };
}

/** A GAOKAO-Bench result file (`{keyword, model_name, example: [{index, model_output}]}`). */
export function parseGaokaoBenchResult(
  file: string,
  input: string | Uint8Array,
  modelName?: string,
): { lines: AnswerLine[]; errors: ImportLineError[] } {
  let doc: {
    keyword?: string;
    model_name?: string;
    example?: { index?: number; model_output?: string }[];
  };
  const decoded = textOf(file, input);
  if ('error' in decoded) return { lines: [], errors: [decoded.error] };
  try {
    doc = parseJson(decoded.text) as typeof doc;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return {
      lines: [],
      errors: [{ file, line: 1, code: e.code, params: { file, ...e.params }, message: e.message }],
    };
  }
  if (!doc || typeof doc !== 'object' || !str(doc.keyword) || !Array.isArray(doc.example)) {
    return {
      lines: [],
      errors: [
        {
          file,
          line: 1,
          field: 'keyword',
          code: 'answers.not_bench_file',
          params: { file },
          message: 'not a GAOKAO-Bench result file (needs "keyword" and "example")',
        },
      ],
    };
  }
  const folder = /MCQs|Cloze_Test|Reading_Comp|Fill_in_Blanks|Modern_Lit|Lang_and_Usage/.test(
    doc.keyword!,
  )
    ? 'Objective_Questions'
    : 'Subjective_Questions';
  const errors: ImportLineError[] = [];
  const lines = doc.example!.flatMap((e, k) => {
    if (
      !e ||
      !int(e.index) ||
      typeof e.model_output !== 'string' ||
      e.model_output.includes('\u0000')
    ) {
      errors.push({
        file,
        line: k + 1,
        field: `example[${k}]`,
        code: 'answers.bench_example_invalid',
        params: { file, index: k },
        message: 'needs "index" (a whole number) and "model_output" (text without NUL characters)',
      });
      return [];
    }
    return [
      {
        line: k + 1,
        paper: '',
        question: null,
        provenance: { file: `Data/${folder}/${doc.keyword}.json`, index: e.index! },
        model: modelName ?? (str(doc.model_name) ? doc.model_name! : 'unknown'),
        sample: 0,
        response: e.model_output!,
        reasoning: null,
        finishReason: null,
        tokensIn: null,
        tokensOut: null,
        simulated: false,
      },
    ];
  });
  return { lines, errors };
}
