import { preClean } from './clean';
import { parseMulti, parseSingle, parseTrueFalse, Parsed, splitBlanks } from './parse';
import { boxedContents, contractTags, locateRegion } from './region';
import { scoreBlanks, scoreMulti, scoreSingle, scoreTrueFalse } from './score';
import { GRADER_VERSION, GradableItem, GradeResult } from './types';

/**
 * The grader: pre-clean, locate the answer region, parse it by type against the legal options,
 * score it by the item's rules, and explain. What the rules cannot read is UNPARSED (for the LLM
 * extractor, then a teacher), never a default answer.
 */

function unparsed(item: GradableItem, method: string, region: string | null, why: string): GradeResult {
  return {
    number: item.number,
    score: null,
    maxScore: item.points,
    status: 'unparsed',
    method,
    region,
    extracted: null,
    explanation: why,
    graderVersion: GRADER_VERSION,
  };
}

/** Parses and scores an answer region already located (by a rule, or returned by the LLM extractor). */
export function gradeRegion(item: GradableItem, region: string, method: string, isLastLine = false): GradeResult {
  const options = item.options ?? [];
  let parsed: Parsed<string | boolean | string[]>;
  switch (item.type) {
    case 'single_choice':
      parsed = parseSingle(region, options, isLastLine);
      break;
    case 'multiple_choice':
      parsed = parseMulti(region, options);
      break;
    case 'true_false':
      parsed = parseTrueFalse(region);
      break;
    case 'fill_blank':
      parsed = splitBlanks(region, item.blanks ?? 1);
      break;
    default:
      return unparsed(item, method, region, `${item.type} items are not graded from one region`);
  }
  if (!parsed.ok) return unparsed(item, method, region, parsed.reason);
  return scored(item, parsed.value, parsed.via ? `${method}:${parsed.via}` : method, region);
}

function scored(item: GradableItem, value: string | boolean | string[], method: string, region: string): GradeResult {
  const s =
    item.type === 'single_choice'
      ? scoreSingle(value as string, item)
      : item.type === 'multiple_choice'
        ? scoreMulti(value as string, item)
        : item.type === 'true_false'
          ? scoreTrueFalse(value as boolean, item)
          : scoreBlanks(value as string[], item);
  return {
    number: item.number,
    score: s.score,
    maxScore: item.points,
    status: s.status,
    method,
    region,
    extracted: value,
    explanation: s.explanation,
    graderVersion: GRADER_VERSION,
    ...(s.parts && {
      parts: s.parts.map((p, i) => ({ ...p, number: String(i + 1), method, region, graderVersion: GRADER_VERSION })),
    }),
  };
}

/** Blanks first by their own tags (【第2空】), then boxed answers, then the usual region split by ；. */
function gradeBlanks(item: GradableItem, s: string): GradeResult {
  const blanks = item.blanks ?? 1;
  const tagged = new Map(contractTags(s).map((t) => [t.label, t.text]));
  const byTag = Array.from({ length: blanks }, (_, i) => tagged.get(`第${i + 1}空`));
  if (byTag.every((t) => t)) return scored(item, byTag as string[], 'tag', byTag.join('；'));
  const boxed = boxedContents(s);
  if (boxed.length >= blanks && !tagged.has('答案')) {
    const last = boxed.slice(-blanks);
    return scored(item, last, 'boxed', last.join('；'));
  }
  const region = locateRegion(s);
  if (!region) return unparsed(item, 'none', null, 'no answer found');
  return gradeRegion(item, region.text, region.rule, region.rule === 'last-line');
}

/**
 * One anchored answer per sub-question: `【答案N】` by number; otherwise as many `【答案】` tags (or
 * boxed answers) as sub-questions, in order; or one tag listing one letter per choice sub-question.
 * Never "the first k capitals in the text".
 */
function gradeComposite(item: GradableItem, s: string): GradeResult {
  const subs = item.subQuestions ?? [];
  const tags = contractTags(s);
  const numbered = new Map(tags.filter((t) => /^答案\d+$/.test(t.label)).map((t) => [t.label.slice(2), t.text]));
  const plain = tags.filter((t) => t.label === '答案').map((t) => t.text);
  const boxed = boxedContents(s);
  const letters = plain.length === 1 ? plain[0].split(/[\s、,，;；]+/).filter(Boolean) : [];
  const isChoiceOnly = subs.every((q) => q.type === 'single_choice');
  const parts = subs.map((sub, i) => {
    const n = sub.number ?? String(i + 1);
    if (numbered.has(n)) return gradeRegion(sub, numbered.get(n)!, 'tag');
    if (plain.length === subs.length) return gradeRegion(sub, plain[i], 'tag');
    if (isChoiceOnly && letters.length === subs.length && letters.every((l) => /^[A-Z]$/.test(l)))
      return gradeRegion(sub, letters[i], 'tag-list');
    if (!plain.length && boxed.length === subs.length) return gradeRegion(sub, boxed[i], 'boxed');
    return unparsed(
      sub,
      'none',
      null,
      `no anchored answer for sub-question ${n} (${plain.length} answer tags for ${subs.length} sub-questions)`,
    );
  });
  const max = parts.reduce((a, p) => a + p.maxScore, 0);
  const isOpen = parts.some((p) => p.status === 'unparsed');
  const score = parts.reduce((a, p) => a + (p.score ?? 0), 0);
  return {
    number: item.number,
    score: isOpen ? null : score,
    maxScore: max,
    status: isOpen ? 'unparsed' : score >= max ? 'correct' : score > 0 ? 'partial' : 'wrong',
    method: [...new Set(parts.map((p) => p.method))].join('+'),
    region: null,
    extracted: parts.map((p) => (Array.isArray(p.extracted) ? p.extracted.join('；') : p.extracted === null ? '' : String(p.extracted))),
    explanation: `${parts.filter((p) => p.status === 'correct').length} of ${parts.length} sub-questions correct${isOpen ? `, ${parts.filter((p) => p.status === 'unparsed').length} unread` : ''}`,
    graderVersion: GRADER_VERSION,
    parts,
  };
}

export function gradeResponse(item: GradableItem, text: string | null | undefined): GradeResult {
  const s = preClean(text ?? '');
  if (!s.trim()) return { ...unparsed(item, 'empty', null, 'empty response'), score: 0, status: 'wrong' };
  if (item.type === 'composite') return gradeComposite(item, s);
  if (item.type === 'fill_blank') return gradeBlanks(item, s);
  const region = locateRegion(s);
  if (!region) return unparsed(item, 'none', null, 'no answer found');
  return gradeRegion(item, region.text, region.rule, region.rule === 'last-line');
}
