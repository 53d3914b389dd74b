import Ajv, { ErrorObject } from 'ajv';
import { canonicalJson, sha256 } from '../../common/hashing';
import type { ErrorParams } from '../../common/problem';
import { decodeUtf8, InputError } from '../../common/safe-input';
import { BundleFiles } from './bundle-files';
import { paperSchema, rubricSchema } from './bundle.schema';
import { BundleError, PaperDoc, RubricDoc } from './bundle.types';
import { checkPaper, normalisePath } from './check-paper';
import { checkRubric } from './check-rubric';
import { locateProblem } from './locate-problem';
import { pathToString, pointerToPath, SourceDocument } from './source-document';

export interface ValidBundle {
  paper: PaperDoc;
  rubric: RubricDoc | null;
  /** Image bytes by bundle path, only those the paper references. */
  images: Map<string, Uint8Array>;
  /** sha256 of the canonical content: the paper version's address. */
  contentHash: string;
}

export type BundleResult = { ok: true; bundle: ValidBundle } | { ok: false; errors: BundleError[] };

const PAPER_FILES = ['paper.yaml', 'paper.yml', 'paper.json'];
const RUBRIC_FILES = ['rubric.yaml', 'rubric.yml', 'rubric.json'];

const ajv = new Ajv({ allErrors: true, strict: false });
const validatePaper = ajv.compile(paperSchema);
const validateRubric = ajv.compile(rubricSchema);

/** Validates a whole bundle; any error anywhere rejects all of it. Pure apart from hashing. */
export function validateBundle(files: BundleFiles): BundleResult {
  const ambiguous = [PAPER_FILES, RUBRIC_FILES].flatMap((names) => ambiguity(names, files));
  if (ambiguous.length) return fail(ambiguous);
  const paperFile = PAPER_FILES.find((f) => files.has(f));
  if (!paperFile) {
    return fail([
      {
        file: '(bundle)',
        path: '',
        code: 'bundle.no_paper',
        params: {},
        message: 'the bundle has no paper.yaml (or paper.json) at its root',
      },
    ]);
  }

  // Every problem at once: a schema error does not hide the semantic ones, nor the rubric's.
  const errors: BundleError[] = [];
  const paperDoc = parse(paperFile, files.get(paperFile)!);
  let paperValue: unknown = undefined;
  let paper: PaperDoc | null = null;
  if (Array.isArray(paperDoc)) errors.push(...paperDoc);
  else {
    paperValue = paperDoc.value;
    const isValid = validatePaper(paperDoc.value);
    if (!isValid) errors.push(...schemaErrors(paperDoc, validatePaper.errors ?? []));
    if (isRecord(paperDoc.value)) {
      const candidate = paperDoc.value as unknown as PaperDoc;
      const checks = tolerant(() => [
        ...checkPaper(paperDoc, candidate, new Set(files.keys())),
        ...sniffImages(candidate, files),
      ]);
      errors.push(...withoutRepeats(checks, errors));
      if (isValid) paper = candidate;
    }
  }

  let rubric: RubricDoc | null = null;
  let rubricValue: unknown = undefined;
  const rubricFile = RUBRIC_FILES.find((f) => files.has(f));
  if (rubricFile) {
    const rubricDoc = parse(rubricFile, files.get(rubricFile)!);
    if (Array.isArray(rubricDoc)) errors.push(...rubricDoc);
    else {
      rubricValue = rubricDoc.value;
      if (!validateRubric(rubricDoc.value))
        errors.push(...schemaErrors(rubricDoc, validateRubric.errors ?? []));
      else {
        rubric = rubricDoc.value as unknown as RubricDoc;
        if (isRecord(paperValue))
          errors.push(
            ...tolerant(() => checkRubric(rubricDoc, rubric!, paperValue as unknown as PaperDoc)),
          );
      }
    }
  }
  if (errors.length || !paper)
    return fail(
      ordered(errors).map((e) => ({ ...e, location: locateProblem(e, paperValue, rubricValue) })),
    );

  const images = new Map<string, Uint8Array>();
  for (const file of imageFiles(paper)) images.set(file, files.get(file)!);
  return {
    ok: true,
    bundle: { paper, rubric, images, contentHash: contentHash(paper, rubric, images) },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The semantic checks on a document the schema refused read it defensively, but a shape no check
 * foresaw must not turn a list of problems into a crash: the schema's errors already say enough.
 */
function tolerant(run: () => BundleError[]): BundleError[] {
  try {
    return run();
  } catch {
    return [];
  }
}

/** A check that repeats what the schema already said about the same place adds nothing. */
function withoutRepeats(checks: BundleError[], schema: BundleError[]): BundleError[] {
  const said = new Set(schema.map((e) => `${e.file}|${e.path}`));
  return checks.filter(
    (e) =>
      !said.has(`${e.file}|${e.path}`) &&
      !said.has(`${e.file}|${e.path}${e.field ? `.${e.field}` : ''}`),
  );
}

/** Paper before rubric, each in the order of its lines, so the list reads like the file. */
function ordered(errors: BundleError[]): BundleError[] {
  const rank = (e: BundleError) =>
    PAPER_FILES.includes(e.file) ? 0 : RUBRIC_FILES.includes(e.file) ? 1 : 2;
  return errors
    .map((e, k) => ({ e, k }))
    .sort((a, b) => rank(a.e) - rank(b.e) || (a.e.line ?? 0) - (b.e.line ?? 0) || a.k - b.k)
    .map(({ e }) => e);
}

function fail(errors: BundleError[]): BundleResult {
  return { ok: false, errors };
}

/** Two spellings of one file (paper.yaml and paper.json): which one is meant is a guess, so neither is taken. */
function ambiguity(names: string[], files: BundleFiles): BundleError[] {
  const present = names.filter((f) => files.has(f));
  if (present.length < 2) return [];
  return [
    {
      file: present.join(', '),
      path: '',
      code: 'bundle.ambiguous_files',
      params: { files: present.join(', ') },
      message: `the bundle holds both ${present.join(' and ')}; keep exactly one of them`,
    },
  ];
}

function parse(file: string, bytes: Uint8Array): SourceDocument | BundleError[] {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return [
      {
        file,
        line: e.line,
        path: '',
        code: e.code,
        params: { file, ...e.params },
        message: `the file ${e.message}`,
      },
    ];
  }
  return SourceDocument.parse(file, text);
}

function schemaErrors(doc: SourceDocument, errs: ErrorObject[]): BundleError[] {
  // anyOf/oneOf produce one error per branch; the branch errors say more than the summary.
  const useful = errs.filter((e) => e.keyword !== 'anyOf' || errs.length === 1);
  const seen = new Set<string>();
  const out: BundleError[] = [];
  for (const e of useful) {
    const path = pointerToPath(e.instancePath);
    const field = fieldOf(e, path);
    const fullPath = field && !path.includes(field) ? [...path, field] : path;
    const message = describe(e);
    const key = `${pathToString(fullPath)}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = doc.lineOf(fullPath);
    const params = {
      file: doc.file,
      line: line ?? null,
      path: pathToString(fullPath),
      field: field ?? null,
      ...scalarParams(e.params),
    };
    out.push({
      file: doc.file,
      line,
      path: pathToString(fullPath),
      field,
      code: `bundle.schema.${e.keyword}`,
      params,
      message,
    });
  }
  return out;
}

/** ajv's params for the client's wording; lists become text so params stay flat. */
function scalarParams(p: Record<string, unknown>): ErrorParams {
  const out: ErrorParams = {};
  for (const [k, v] of Object.entries(p ?? {})) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
      out[k] = v as string | number | boolean | null;
    else if (Array.isArray(v)) out[k] = v.join(', ');
  }
  return out;
}

function fieldOf(e: ErrorObject, path: (string | number)[]): string | undefined {
  if (e.keyword === 'required') return (e.params as { missingProperty: string }).missingProperty;
  if (e.keyword === 'additionalProperties')
    return (e.params as { additionalProperty: string }).additionalProperty;
  const last = path[path.length - 1];
  return typeof last === 'string' ? last : undefined;
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `missing required field "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'const':
      return `must be "${(e.params as { allowedValue: unknown }).allowedValue}"`;
    default:
      return e.message ?? e.keyword;
  }
}

function* imageFiles(paper: PaperDoc): Generator<string> {
  const list = <T>(v: T[] | undefined): T[] =>
    Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : [];
  const file = (i: { file?: unknown } | undefined) =>
    typeof i?.file === 'string' ? [normalisePath(i.file)] : [];
  for (const p of list(paper.passages)) for (const i of list(p.images)) yield* file(i);
  for (const s of list(paper.sections)) {
    for (const q of list(s.questions)) {
      for (const item of [q, ...list(q.subQuestions)]) {
        for (const i of list(item.images)) yield* file(i);
        for (const o of list(item.options)) yield* file(o.image);
      }
    }
  }
}

/** Content-type sniffing: the bytes must really be an image of the kind the name says. */
function sniffImages(paper: PaperDoc, files: BundleFiles): BundleError[] {
  const errors: BundleError[] = [];
  for (const file of new Set(imageFiles(paper))) {
    const bytes = files.get(file);
    if (bytes && !sniffImageType(bytes)) {
      errors.push({
        file,
        path: '',
        code: 'bundle.image_type',
        params: { file },
        message: 'not a PNG, JPEG, WebP or GIF image (content does not match)',
      });
    }
  }
  return errors;
}

export function sniffImageType(b: Uint8Array): 'png' | 'jpeg' | 'webp' | 'gif' | null {
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47)
    return 'png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (
    b.length > 12 &&
    String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'
  )
    return 'webp';
  if (b.length > 6 && String.fromCharCode(...b.subarray(0, 4)) === 'GIF8') return 'gif';
  return null;
}

function contentHash(
  paper: PaperDoc,
  rubric: RubricDoc | null,
  images: Map<string, Uint8Array>,
): string {
  const imageHashes = Object.fromEntries([...images].map(([f, b]) => [f, sha256(b)]));
  return sha256(canonicalJson({ paper, rubric, images: imageHashes }));
}
