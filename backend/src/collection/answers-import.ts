/**
 * Answers produced elsewhere, one JSON object per line (docs/answers-import.md):
 *   {"paper": "<paper id or version id>", "question": "<number>", "model": "<name>", "sample": 0,
 *    "response": "…", "reasoning": "…", "finish_reason": "stop", "usage": {"prompt_tokens": 1, "completion_tokens": 2}}
 * and the GAOKAO-Bench result files, converted to such lines by their provenance. Pure: no I/O.
 */
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
}

export interface ImportLineError {
  file: string;
  line: number;
  field?: string;
  message: string;
}

const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const int = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** Parses and checks every line; returns all errors rather than stopping at the first. */
export function parseAnswersJsonl(file: string, text: string): { lines: AnswerLine[]; errors: ImportLineError[] } {
  const lines: AnswerLine[] = [];
  const errors: ImportLineError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(raw);
    } catch (e) {
      return errors.push({ file, line, message: `not valid JSON (${(e as Error).message})` });
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) return errors.push({ file, line, message: 'each line must be a JSON object' });
    const fail = (field: string, message: string) => errors.push({ file, line, field, message });
    if (!str(o.paper)) fail('paper', 'required: the paper id (slug) or version id');
    if (!str(o.question)) fail('question', 'required: the question number as printed in the paper, e.g. "17"');
    if (!str(o.model)) fail('model', 'required: the model name');
    if (o.sample !== undefined && !int(o.sample)) fail('sample', 'must be a whole number ≥ 0');
    if (typeof o.response !== 'string') fail('response', 'required: the raw model output (a string)');
    const usage = (o.usage ?? {}) as Record<string, unknown>;
    if (o.usage !== undefined && (typeof o.usage !== 'object' || Array.isArray(o.usage))) fail('usage', 'must be an object');
    for (const k of ['prompt_tokens', 'completion_tokens'])
      if (usage[k] !== undefined && !int(usage[k])) fail(`usage.${k}`, 'must be a whole number ≥ 0');
    const known = new Set(['paper', 'question', 'model', 'sample', 'response', 'reasoning', 'finish_reason', 'usage']);
    for (const k of Object.keys(o)) if (!known.has(k)) fail(k, `unknown field "${k}"`);
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
    });
  });
  return { lines, errors };
}

/** A GAOKAO-Bench result file (`{keyword, model_name, example: [{index, model_output}]}`). */
export function parseGaokaoBenchResult(file: string, text: string, modelName?: string): { lines: AnswerLine[]; errors: ImportLineError[] } {
  let doc: { keyword?: string; model_name?: string; example?: { index?: number; model_output?: string }[] };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { lines: [], errors: [{ file, line: 1, message: `not valid JSON (${(e as Error).message})` }] };
  }
  if (!str(doc.keyword) || !Array.isArray(doc.example)) {
    return {
      lines: [],
      errors: [{ file, line: 1, field: 'keyword', message: 'not a GAOKAO-Bench result file (needs "keyword" and "example")' }],
    };
  }
  const folder = /MCQs|Cloze_Test|Reading_Comp|Fill_in_Blanks|Modern_Lit|Lang_and_Usage/.test(doc.keyword!)
    ? 'Objective_Questions'
    : 'Subjective_Questions';
  const errors: ImportLineError[] = [];
  const lines = doc.example!.flatMap((e, k) => {
    if (!int(e.index) || typeof e.model_output !== 'string') {
      errors.push({ file, line: k + 1, field: `example[${k}]`, message: 'needs "index" and "model_output"' });
      return [];
    }
    return [
      {
        line: k + 1,
        paper: '',
        question: null,
        provenance: { file: `Data/${folder}/${doc.keyword}.json`, index: e.index! },
        model: modelName ?? doc.model_name ?? 'unknown',
        sample: 0,
        response: e.model_output!,
        reasoning: null,
        finishReason: null,
        tokensIn: null,
        tokensOut: null,
      },
    ];
  });
  return { lines, errors };
}
