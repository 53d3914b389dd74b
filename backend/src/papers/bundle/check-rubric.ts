import { BundleError, OBJECTIVE_TYPES, PaperDoc, QuestionDoc, RubricDoc } from './bundle.types';
import type { ErrorParams } from '../../common/problem';
import { pathToString, SourceDocument } from './source-document';

/** Flattens sections and composites into every gradable (sub-)question by number. */
export function questionsByNumber(paper: PaperDoc): Map<string, QuestionDoc> {
  const map = new Map<string, QuestionDoc>();
  for (const s of paper.sections) {
    for (const q of s.questions) {
      map.set(q.number, q);
      for (const sub of q.subQuestions ?? []) map.set(sub.number, sub);
    }
  }
  return map;
}

/** Checks a rubric against its paper: it names real subjective questions and its points fit them. */
export function checkRubric(
  doc: SourceDocument,
  rubric: RubricDoc,
  paper: PaperDoc,
): BundleError[] {
  const errors: BundleError[] = [];
  const fail = (
    path: (string | number)[],
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

  if (rubric.paper !== paper.id) {
    fail(
      ['paper'],
      'paper',
      `rubric is for paper "${rubric.paper}", not "${paper.id}"`,
      'rubric.paper_mismatch',
      {
        rubricPaper: rubric.paper,
        paper: paper.id,
      },
    );
  }
  const questions = questionsByNumber(paper);
  const seen = new Set<string>();
  rubric.questions.forEach((r, i) => {
    const path = ['questions', i];
    const number = r.question;
    const q = questions.get(number);
    if (!q)
      return fail(
        [...path, 'question'],
        'question',
        `question "${number}" is not in the paper`,
        'rubric.unknown_question',
        { number },
      );
    if (q.type === 'composite' || OBJECTIVE_TYPES.includes(q.type)) {
      const message = `question "${number}" is ${q.type}: rubrics are for subjective (sub-)questions`;
      return fail([...path, 'question'], 'question', message, 'rubric.not_subjective', {
        number,
        type: q.type,
      });
    }
    if (seen.has(number))
      fail(
        [...path, 'question'],
        'question',
        `question "${number}" has two rubrics`,
        'rubric.duplicate',
        { number },
      );
    seen.add(number);
    const max = q.points ?? 0;
    const ceiling = r.ceiling ?? max;
    const floor = r.floor ?? 0;
    if (ceiling > max) {
      fail(
        [...path, 'ceiling'],
        'ceiling',
        `ceiling ${ceiling} exceeds the question's ${max} points`,
        'rubric.ceiling',
        { ceiling, max },
      );
    }
    if (floor > ceiling)
      fail(
        [...path, 'floor'],
        'floor',
        `floor ${floor} is above the ceiling ${ceiling}`,
        'rubric.floor',
        { floor, ceiling },
      );
    if ((r.startingPoints ?? 0) > ceiling) {
      fail(
        [...path, 'startingPoints'],
        'startingPoints',
        `startingPoints exceed the ceiling ${ceiling}`,
        'rubric.starting',
        {
          startingPoints: r.startingPoints ?? 0,
          ceiling,
        },
      );
    }
    const mode = r.mode ?? (r.items?.length ? 'items' : 'score');
    if (mode === 'items' && !r.items?.length)
      fail(path, 'items', `an items rubric needs at least one item`, 'rubric.items_required');
    const ids = new Set<string>();
    (r.items ?? []).forEach((item, k) => {
      if (ids.has(item.id)) {
        fail(
          [...path, 'items', k, 'id'],
          'id',
          `duplicate rubric item id "${item.id}"`,
          'rubric.duplicate_item',
          { id: item.id },
        );
      }
      ids.add(item.id);
      if (Math.abs(item.points) > max) {
        fail(
          [...path, 'items', k, 'points'],
          'points',
          `item points ${item.points} exceed the question's ${max}`,
          'rubric.item_points',
          {
            points: item.points,
            max,
          },
        );
      }
    });
    (r.samples ?? []).forEach((s, k) => {
      if (s.score > max) {
        fail(
          [...path, 'samples', k, 'score'],
          'score',
          `sample score ${s.score} exceeds the question's ${max} points`,
          'rubric.sample_score',
          {
            score: s.score,
            max,
          },
        );
      }
    });
  });
  return errors;
}
