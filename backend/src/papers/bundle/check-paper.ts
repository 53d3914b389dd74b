import { BundleError, ImageRef, OBJECTIVE_TYPES, PaperDoc, QuestionDoc } from './bundle.types';
import type { ErrorParams } from '../../common/problem';
import { pathToString, SourceDocument } from './source-document';

type Path = (string | number)[];

const IMAGE_EXT = /\.(png|jpe?g|webp|gif)$/i;

/**
 * Checks what a schema cannot say: keys agree with options, points add up, references resolve,
 * images exist. `files` is the set of paths present in the bundle.
 */
export function checkPaper(
  doc: SourceDocument,
  paper: PaperDoc,
  files: Set<string>,
): BundleError[] {
  const errors: BundleError[] = [];
  const fail = (
    path: Path,
    field: string | undefined,
    message: string,
    code: string,
    params: ErrorParams = {},
  ) => {
    const line = doc.lineOf(path);
    const where = {
      file: doc.file,
      line: line ?? null,
      path: pathToString(path),
      field: field ?? null,
    };
    errors.push({
      file: doc.file,
      line,
      path: pathToString(path),
      field,
      message,
      code,
      params: { ...where, ...params },
    });
  };

  const passageIds = new Set<string>();
  list(paper.passages).forEach((p, i) => {
    if (!isObject(p)) return;
    if (passageIds.has(p.id))
      fail(
        ['passages', i, 'id'],
        'id',
        `duplicate passage id "${p.id}"`,
        'bundle.duplicate_passage',
        { id: p.id },
      );
    passageIds.add(p.id);
    list(p.images).forEach((img, k) => checkImage(img, ['passages', i, 'images', k, 'file']));
  });

  function checkImage(img: ImageRef | undefined, path: Path) {
    if (!isObject(img) || typeof img.file !== 'string') return;
    const file = img.file;
    if (!IMAGE_EXT.test(file))
      fail(path, 'file', `image "${file}" must be .png, .jpg, .webp or .gif`, 'bundle.image_ext', {
        file,
      });
    else if (!files.has(normalisePath(file)))
      fail(path, 'file', `image "${file}" is not in the bundle`, 'bundle.image_missing', { file });
  }

  /** Normalised number → the number as first written, so "1" and "１" are one number. */
  const numbers = new Map<string, string>();
  let total = 0;
  list(paper.sections).forEach((section, s) =>
    list(isObject(section) ? section.questions : undefined).forEach((q, i) => {
      if (isObject(q)) total += checkQuestion(q, ['sections', s, 'questions', i], false);
    }),
  );
  if (typeof paper.totalPoints === 'number' && Math.abs(paper.totalPoints - total) > 1e-6) {
    fail(
      ['totalPoints'],
      'totalPoints',
      `totalPoints is ${paper.totalPoints} but the questions add up to ${total}`,
      'bundle.total_points',
      {
        total: paper.totalPoints,
        sum: total,
      },
    );
  }
  return errors;

  /** Returns the question's points (0 when they could not be determined). */
  function checkQuestion(q: QuestionDoc, path: Path, isSub: boolean): number {
    const key = normaliseNumber(String(q.number ?? ''));
    const first = numbers.get(key);
    if (first !== undefined) {
      const same =
        first === q.number
          ? ''
          : ` (the same as "${first}" once full-width and invisible characters are normalised)`;
      fail(
        [...path, 'number'],
        'number',
        `duplicate question number "${q.number}"${same}`,
        'bundle.duplicate_number',
        {
          number: q.number,
          first,
        },
      );
    } else numbers.set(key, q.number);
    if (q.passage !== undefined && !passageIds.has(q.passage)) {
      fail(
        [...path, 'passage'],
        'passage',
        `unknown passage "${q.passage}"`,
        'bundle.unknown_passage',
        { passage: String(q.passage) },
      );
    }
    if (!q.stem && q.passage === undefined && q.type !== 'composite') {
      fail(path, 'stem', `question ${q.number} needs a stem or a passage`, 'bundle.stem_required');
    }
    list(q.images).forEach((img, k) => checkImage(img, [...path, 'images', k, 'file']));
    list(q.options).forEach(
      (o, k) =>
        isObject(o) && o.image && checkImage(o.image, [...path, 'options', k, 'image', 'file']),
    );
    if (typeof q.tolerance === 'number' && typeof q.points === 'number' && q.tolerance > q.points) {
      fail(
        [...path, 'tolerance'],
        'tolerance',
        `tolerance ${q.tolerance} exceeds the question's ${q.points} points`,
        'bundle.tolerance_exceeds',
        {
          tolerance: q.tolerance,
          points: q.points,
        },
      );
    }
    if (q.type === 'composite') return checkComposite(q, path, isSub);
    if (q.subQuestions) {
      fail(
        [...path, 'subQuestions'],
        'subQuestions',
        `only a composite question may have subQuestions`,
        'bundle.subs_not_composite',
      );
    }
    if (typeof q.points !== 'number') {
      if (q.points === undefined)
        fail(path, 'points', `question ${q.number} has no points`, 'bundle.points_required');
      return 0;
    }
    if (OBJECTIVE_TYPES.includes(q.type)) checkObjective(q, path);
    else if (!q.referenceAnswer) {
      fail(
        path,
        'referenceAnswer',
        `${q.type} question ${q.number} needs a referenceAnswer`,
        'bundle.reference_required',
        {
          type: q.type,
        },
      );
    }
    return q.points;
  }

  function checkComposite(q: QuestionDoc, path: Path, isSub: boolean): number {
    if (isSub)
      fail(
        [...path, 'type'],
        'type',
        `a sub-question cannot itself be composite`,
        'bundle.nested_composite',
      );
    const subs = list(q.subQuestions);
    if (!subs.length) {
      fail(
        path,
        'subQuestions',
        `composite question ${q.number} needs subQuestions`,
        'bundle.subs_required',
      );
      return 0;
    }
    if (q.answer !== undefined) {
      fail(
        [...path, 'answer'],
        'answer',
        `a composite question keeps its answers in its subQuestions`,
        'bundle.composite_answer',
      );
    }
    const sum = subs.reduce(
      (acc, sub, k) =>
        acc + (isObject(sub) ? checkQuestion(sub, [...path, 'subQuestions', k], true) : 0),
      0,
    );
    if (typeof q.points === 'number' && Math.abs(q.points - sum) > 1e-6) {
      fail(
        [...path, 'points'],
        'points',
        `composite ${q.number} has ${q.points} points but its subQuestions add up to ${sum}`,
        'bundle.composite_points',
        {
          points: q.points,
          sum,
        },
      );
    }
    return sum;
  }

  function checkObjective(q: QuestionDoc, path: Path) {
    const at = [...path, 'answer'];
    if (q.answer === undefined) {
      return fail(
        path,
        'answer',
        `${q.type} question ${q.number} needs an answer key`,
        'bundle.answer_required',
        { type: q.type },
      );
    }
    if (q.type === 'true_false') {
      if (typeof q.answer !== 'boolean')
        fail(at, 'answer', `a true_false answer must be true or false`, 'bundle.tf_answer');
      if (q.options)
        fail(
          [...path, 'options'],
          'options',
          `a true_false question has no options`,
          'bundle.tf_options',
        );
      return;
    }
    if (q.type === 'fill_blank') {
      if (!q.blanks) {
        return fail(
          path,
          'blanks',
          `fill_blank question ${q.number} needs blanks (the number of blanks)`,
          'bundle.blanks_required',
        );
      }
      if (!Array.isArray(q.answer))
        return fail(
          at,
          'answer',
          `a fill_blank answer is a list with one key per blank`,
          'bundle.blank_list',
        );
      if (q.answer.length !== q.blanks) {
        fail(
          at,
          'answer',
          `question ${q.number} has ${q.blanks} blanks but ${q.answer.length} keys`,
          'bundle.blank_count',
          {
            blanks: q.blanks,
            keys: q.answer.length,
          },
        );
      }
      return;
    }
    checkChoice(q, path, at);
  }

  function checkChoice(q: QuestionDoc, path: Path, at: Path) {
    if (!Array.isArray(q.options)) {
      return fail(
        path,
        'options',
        `${q.type} question ${q.number} needs options`,
        'bundle.options_required',
        { type: q.type },
      );
    }
    const labels = q.options.map((o) => String(isObject(o) ? o.label : ''));
    const keys = labels.map(normaliseNumber);
    const dup = labels.find((_l, k) => keys.indexOf(keys[k]) !== k);
    if (dup)
      fail(
        [...path, 'options'],
        'options',
        `duplicate option label "${dup}"`,
        'bundle.duplicate_option',
        { label: dup },
      );
    if (typeof q.answer !== 'string') {
      return fail(
        at,
        'answer',
        `a ${q.type} answer is a string of option letters`,
        'bundle.choice_answer_type',
        { type: q.type },
      );
    }
    const answer = q.answer;
    const letters = answer.replace(/[\s,，、]/g, '').split('');
    const unknown = letters.filter((l) => !labels.includes(l));
    if (unknown.length) {
      fail(
        at,
        'answer',
        `answer "${answer}" names option(s) ${unknown.join('')} that do not exist`,
        'bundle.answer_unknown_option',
        {
          answer,
          letters: unknown.join(''),
        },
      );
    }
    if (new Set(letters).size !== letters.length)
      fail(at, 'answer', `answer "${answer}" repeats a letter`, 'bundle.answer_repeats', {
        answer,
      });
    if (q.type === 'single_choice' && letters.length !== 1) {
      fail(
        at,
        'answer',
        `a single_choice answer is exactly one letter, got "${answer}"`,
        'bundle.single_one_letter',
        { answer },
      );
    }
    const partial = (q.scoring ?? paper.scoring)?.multipleChoice?.partialPoints;
    if (q.type === 'multiple_choice' && typeof partial === 'number' && partial >= (q.points ?? 0)) {
      fail(
        [...path, 'points'],
        'points',
        `partial credit ${partial} must be below the question's ${q.points} points`,
        'bundle.partial_points',
        {
          partial,
          points: q.points ?? 0,
        },
      );
    }
  }
}

/** Arrays as written; anything else (already reported by the schema) as empty, so every check still runs. */
function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function isObject<T>(value: T | undefined | null): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Zero-width and other invisible characters that make two equal-looking numbers differ. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * A question number or option label as compared for uniqueness: NFKC (full-width "１" is "1",
 * "Ａ" is "A"), invisible characters removed, outer spaces trimmed.
 */
export function normaliseNumber(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** Bundle paths are compared without a leading "./". */
export function normalisePath(file: string): string {
  return file.replace(/^\.\//, '');
}
