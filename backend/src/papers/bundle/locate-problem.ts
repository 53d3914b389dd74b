import type { BundleError, ProblemLocation } from '@yuejuan/contracts';

/** Where a problem is (question number, field, entry): the shape is the client's too, in @yuejuan/contracts. */
export type { ProblemLocation } from '@yuejuan/contracts';

type Segment = string | number;
const PAPER_FILES = /^paper\.(ya?ml|json)$/;
const RUBRIC_FILES = /^rubric\.(ya?ml|json)$/;

/** Splits `sections[0].questions[1].answer` back into segments. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** Locates one problem in the documents it was found in (either may be malformed: read defensively). */
export function locateProblem(
  error: BundleError,
  paper: unknown,
  rubric: unknown,
): ProblemLocation {
  const segs = parsePath(error.path ?? '');
  if (PAPER_FILES.test(error.file)) return locateInPaper(segs, paper, error.field);
  if (RUBRIC_FILES.test(error.file)) return locateInRubric(segs, rubric, error.field);
  return { scope: 'bundle' };
}

function locateInPaper(segs: Segment[], paper: unknown, field?: string): ProblemLocation {
  const [head, s, kind, i, ...rest] = segs;
  if (head === 'sections' && typeof s === 'number') {
    if (kind !== 'questions' || typeof i !== 'number')
      return { scope: 'section', section: s + 1, ...fieldAt(segs.slice(2), field) };
    let question = at(paper, ['sections', s, 'questions', i]);
    let tail = rest;
    if (rest[0] === 'subQuestions' && typeof rest[1] === 'number') {
      const sub = at(question, ['subQuestions', rest[1]]);
      // A sub-question's own fields are the sub-question's; the list itself belongs to the composite.
      if (rest.length > 2 || field !== 'subQuestions') {
        question = sub;
        tail = rest.slice(2);
      }
    }
    return {
      scope: 'question',
      section: s + 1,
      ordinal: i + 1,
      question: numberOf(question),
      ...fieldAt(tail, field),
    };
  }
  if (head === 'passages' && typeof s === 'number') {
    const id = at(paper, ['passages', s, 'id']);
    return {
      scope: 'passage',
      index: s + 1,
      passage: typeof id === 'string' ? id : undefined,
      ...fieldAt(segs.slice(2), field),
    };
  }
  const f = fieldAt(segs, field);
  return { scope: 'paper', ...f };
}

function locateInRubric(segs: Segment[], rubric: unknown, field?: string): ProblemLocation {
  const [head, i, ...rest] = segs;
  if (head === 'questions' && typeof i === 'number') {
    const number = at(rubric, ['questions', i, 'question']);
    return {
      scope: 'rubric',
      question: typeof number === 'string' ? number : undefined,
      ordinal: i + 1,
      ...fieldAt(rest, field),
    };
  }
  return { scope: 'rubric', ...fieldAt(segs, field) };
}

/** `answer`; `options[1].text` → options, 2, text; `source.licence` → source, licence. */
function fieldAt(
  tail: Segment[],
  fallback?: string,
): Pick<ProblemLocation, 'field' | 'index' | 'subfield'> {
  const [first, second, third] = tail;
  if (typeof first !== 'string') return fallback ? { field: fallback } : {};
  if (typeof second === 'number') {
    const sub = tail.slice(2).filter((x): x is string => typeof x === 'string');
    return { field: first, index: second + 1, ...(sub.length ? { subfield: sub.join('.') } : {}) };
  }
  const sub = [second, third].filter((x): x is string => typeof x === 'string');
  return { field: first, ...(sub.length ? { subfield: sub.join('.') } : {}) };
}

function at(value: unknown, path: Segment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

function numberOf(question: unknown): string | undefined {
  const n = at(question, ['number']);
  return typeof n === 'string' && n.trim() ? n : typeof n === 'number' ? String(n) : undefined;
}
