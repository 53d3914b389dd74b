import { commitments, contractTags, boxedRegions, Region } from './region';
import { gradeCommitted, gradeRegion, result, scored, unparsed } from './grade-core';
import { labelledBlanks } from './parse';
import { GradableItem, GradeResult, TraceStep } from './types';

/** Items with several answers in one response: the blanks of a fill-in item, the sub-questions of a composite one. */

/**
 * Blanks by their own tags (【第2空】), then by untagged labels (第2空：4), then as many boxed
 * answers as blanks (unless a final answer follows them), then the commitment the response
 * finally makes, split by ；.
 */
export function gradeBlanks(
  item: GradableItem,
  s: string,
  trace: TraceStep[],
): { graded: GradeResult; at: Region | null } {
  const blanks = item.blanks ?? 1;
  const tags = contractTags(s);
  const tagged = new Map(tags.map((t) => [t.label, t]));
  const byTag = Array.from({ length: blanks }, (_, i) => tagged.get(`第${i + 1}空`));
  const last = (rs: { end: number }[]): Region => ({
    rule: 'tag',
    text: '',
    start: 0,
    end: Math.max(...rs.map((r) => r.end)),
  });
  if (byTag.every((t) => t?.text)) {
    const texts = byTag.map((t) => t!.text);
    return {
      graded: scored(item, { ok: true, value: texts }, 'tag', texts.join('；'), trace),
      at: last(byTag.map((t) => t!)),
    };
  }
  const labelled = labelledBlanks(s, blanks);
  if (labelled) {
    const steps = [...trace, { code: 'read.labelled-blanks', params: { count: blanks } }];
    return {
      graded: scored(
        item,
        { ok: true, value: labelled.texts },
        'blank-label',
        labelled.texts.join('；'),
        steps,
      ),
      at: { ...last([]), end: labelled.end },
    };
  }
  const boxed = boxedRegions(s);
  if (blanks > 1 && boxed.length >= blanks && !tagged.has('答案')) {
    const lastBoxed = boxed.slice(-blanks);
    const end = lastBoxed[lastBoxed.length - 1].end;
    const isOverridden = commitments(s).some((c) => c.start >= end && c.isFinal);
    if (!isOverridden) {
      const texts = lastBoxed.map((b) => b.text);
      return {
        graded: scored(item, { ok: true, value: texts }, 'boxed', texts.join('；'), trace),
        at: { ...last([]), end },
      };
    }
  }
  return gradeCommitted(item, s, trace);
}

/**
 * One anchored answer per sub-question: `【答案N】` by number; otherwise as many `【答案】` tags (or
 * boxed answers) as sub-questions, in order; or one tag listing one letter per choice sub-question.
 * Never "the first k capitals in the text".
 */
export function gradeComposite(item: GradableItem, s: string, trace: TraceStep[]): GradeResult {
  const subs = item.subQuestions ?? [];
  const tags = contractTags(s);
  const numbered = new Map(
    tags.filter((t) => /^答案\d+$/.test(t.label)).map((t) => [t.label.slice(2), t.text]),
  );
  const plain = tags.filter((t) => t.label === '答案').map((t) => t.text);
  const boxed = boxedRegions(s).map((b) => b.text);
  const letters = plain.length === 1 ? plain[0].split(/[\s、,，;；]+/).filter(Boolean) : [];
  const isChoiceOnly = subs.every((q) => q.type === 'single_choice');
  const parts = subs.map((sub, i) => {
    const n = sub.number ?? String(i + 1);
    if (numbered.has(n)) return gradeRegion(sub, numbered.get(n)!, 'tag');
    if (plain.length === subs.length) return gradeRegion(sub, plain[i], 'tag');
    if (isChoiceOnly && letters.length === subs.length && letters.every((l) => /^[A-Z]$/.test(l)))
      return gradeRegion(sub, letters[i], 'tag-list');
    if (!plain.length && boxed.length === subs.length) return gradeRegion(sub, boxed[i], 'boxed');
    return unparsed(sub, 'none', null, {
      code: 'unparsed.composite-missing',
      params: { number: n, tags: plain.length, subs: subs.length },
    });
  });
  const max = parts.reduce((a, p) => a + p.maxScore, 0);
  const open = parts.filter((p) => p.status === 'unparsed').length;
  const score = parts.reduce((a, p) => a + (p.score ?? 0), 0);
  const correct = parts.filter((p) => p.status === 'correct').length;
  return result(item, {
    score: open ? null : score,
    maxScore: max,
    status: open ? 'unparsed' : score >= max ? 'correct' : score > 0 ? 'partial' : 'wrong',
    method: [...new Set(parts.map((p) => p.method))].join('+'),
    region: null,
    extracted: parts.map((p) =>
      Array.isArray(p.extracted)
        ? p.extracted.join('；')
        : p.extracted === null
          ? ''
          : String(p.extracted),
    ),
    reason: { code: 'score.composite', params: { correct, of: parts.length, unread: open } },
    trace,
    parts,
  });
}
