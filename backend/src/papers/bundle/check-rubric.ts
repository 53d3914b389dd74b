import { BundleError, OBJECTIVE_TYPES, PaperDoc, QuestionDoc, RubricDoc } from './bundle.types';
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
export function checkRubric(doc: SourceDocument, rubric: RubricDoc, paper: PaperDoc): BundleError[] {
  const errors: BundleError[] = [];
  const fail = (path: (string | number)[], field: string | undefined, message: string) =>
    errors.push({ file: doc.file, line: doc.lineOf(path), path: pathToString(path), field, message });

  if (rubric.paper !== paper.id) fail(['paper'], 'paper', `rubric is for paper "${rubric.paper}", not "${paper.id}"`);
  const questions = questionsByNumber(paper);
  const seen = new Set<string>();
  rubric.questions.forEach((r, i) => {
    const path = ['questions', i];
    const q = questions.get(r.question);
    if (!q) return fail([...path, 'question'], 'question', `question "${r.question}" is not in the paper`);
    if (q.type === 'composite' || OBJECTIVE_TYPES.includes(q.type)) {
      return fail([...path, 'question'], 'question', `question "${r.question}" is ${q.type}: rubrics are for subjective (sub-)questions`);
    }
    if (seen.has(r.question)) fail([...path, 'question'], 'question', `question "${r.question}" has two rubrics`);
    seen.add(r.question);
    const max = q.points ?? 0;
    const ceiling = r.ceiling ?? max;
    const floor = r.floor ?? 0;
    if (ceiling > max) fail([...path, 'ceiling'], 'ceiling', `ceiling ${ceiling} exceeds the question's ${max} points`);
    if (floor > ceiling) fail([...path, 'floor'], 'floor', `floor ${floor} is above the ceiling ${ceiling}`);
    if ((r.startingPoints ?? 0) > ceiling)
      fail([...path, 'startingPoints'], 'startingPoints', `startingPoints exceed the ceiling ${ceiling}`);
    const mode = r.mode ?? (r.items?.length ? 'items' : 'score');
    if (mode === 'items' && !r.items?.length) fail(path, 'items', `an items rubric needs at least one item`);
    const ids = new Set<string>();
    (r.items ?? []).forEach((item, k) => {
      if (ids.has(item.id)) fail([...path, 'items', k, 'id'], 'id', `duplicate rubric item id "${item.id}"`);
      ids.add(item.id);
      if (Math.abs(item.points) > max)
        fail([...path, 'items', k, 'points'], 'points', `item points ${item.points} exceed the question's ${max}`);
    });
    (r.samples ?? []).forEach((s, k) => {
      if (s.score > max) fail([...path, 'samples', k, 'score'], 'score', `sample score ${s.score} exceeds the question's ${max} points`);
    });
  });
  return errors;
}
