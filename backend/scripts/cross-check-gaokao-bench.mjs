// Grades GPT-4-0314's GAOKAO-Bench objective outputs with our grader and compares with upstream's
// own extraction and scores (Results/gpt_4_0314_obj). Writes docs/cross-check-gaokao-bench.md.
// Run by hand after `npm run build -w backend`:  node backend/scripts/cross-check-gaokao-bench.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { gradeResponse } = require(join(here, '../dist/grading/domain/grade.js'));
const { GRADER_VERSION } = require(join(here, '../dist/grading/domain/types.js'));
const root = join(here, '../../../shared/datasets/GAOKAO-Bench/Results/gpt_4_0314_obj');
const upstream = JSON.parse(readFileSync(join(root, 'result/correction_score.json'), 'utf8'));

const SUBJECT = (kw) =>
  kw.split('_')[1] === 'Chinese'
    ? 'Chinese'
    : kw.split('_')[1] === 'Math'
      ? 'Math'
      : kw.split('_')[1] === 'Political'
        ? 'Politics'
        : kw.split('_')[1];
const letters = (n) =>
  'ABCDEFG'
    .slice(0, n)
    .split('')
    .map((label) => ({ label }));

/** The item as our grader sees it: one single choice, a multi-select (physics: 6/3/0), or sub-questions. */
function itemOf(kw, ex) {
  const key = ex.standard_answer;
  if (kw.includes('Physics'))
    return {
      type: 'multiple_choice',
      key: key[0],
      points: ex.score,
      options: letters(4),
      policy: { rule: 'subset_fixed', partialPoints: ex.score / 2 },
    };
  const n = kw.includes('Cloze_Test') ? 7 : 4;
  if (key.length === 1 && !/Modern_Lit|Reading|Fill_in|Cloze|Geography/.test(kw))
    return { type: 'single_choice', key: key[0], points: ex.score, options: letters(n) };
  return {
    type: 'composite',
    points: ex.score * key.length,
    subQuestions: key.map((k, i) => ({
      number: String(i + 1),
      type: 'single_choice',
      key: k,
      points: ex.score,
      options: letters(n),
    })),
  };
}

/** Upstream's score for one item, by its own rules (all-or-nothing per sub-question; physics 6/3/0). */
function upstreamScore(kw, ex) {
  const key = ex.standard_answer;
  const got = ex.model_answer;
  if (kw.includes('Physics')) {
    const a = new Set(got.join('')),
      k = new Set(key[0]);
    if (!a.size || [...a].some((l) => !k.has(l))) return 0;
    return a.size === k.size ? ex.score : ex.score / 2;
  }
  return key.reduce((s, k, i) => s + (got[i] === k ? ex.score : 0), 0);
}

const rows = [];
const bySubject = new Map();
for (const file of readdirSync(root)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const data = JSON.parse(readFileSync(join(root, file), 'utf8'));
  const kw = data.keyword;
  for (const ex of data.example) {
    ex.keyword = kw;
    const item = itemOf(kw, ex);
    const r = gradeResponse(item, ex.model_output);
    const ours =
      item.type === 'composite' ? r.parts.map((p) => p.extracted ?? '∅') : [r.extracted ?? '∅'];
    const theirs =
      item.type === 'multiple_choice'
        ? [ex.model_answer.join('') || '∅']
        : item.type === 'composite'
          ? item.subQuestions.map((_, i) => ex.model_answer[i] ?? '∅')
          : [ex.model_answer[0] ?? '∅'];
    const s = bySubject.get(SUBJECT(kw)) ?? {
      total: 0,
      ours: 0,
      theirs: 0,
      items: 0,
      unparsedPoints: 0,
      differ: 0,
    };
    s.total += item.points;
    s.ours += r.score ?? (r.parts ?? []).reduce((a, p) => a + (p.score ?? 0), 0);
    s.unparsedPoints +=
      r.status === 'unparsed'
        ? item.type === 'composite'
          ? r.parts.filter((p) => p.status === 'unparsed').reduce((a, p) => a + p.maxScore, 0)
          : item.points
        : 0;
    s.theirs += upstreamScore(kw, ex);
    s.items += 1;
    if (ours.join(' ') !== theirs.join(' ')) {
      s.differ += 1;
      const tail = ex.model_output.replace(/\s+/g, ' ').trim();
      rows.push({
        kw,
        index: ex.index,
        key: ex.standard_answer.join(' '),
        theirs: theirs.join(' '),
        ours: ours.join(' '),
        status: r.status,
        method: r.method,
        tail: tail.slice(-90),
        reason: reasonOf(theirs, ours, ex),
      });
    }
    bySubject.set(SUBJECT(kw), s);
  }
}

function reasonOf(theirs, ours, ex) {
  const tagged = [...ex.model_output.matchAll(/【答案】([^<\n]*)/g)].map((m) => m[1].trim());
  if (
    theirs.some(
      (t, i) =>
        t !== ours[i] &&
        /^[A-Z]$/.test(t) &&
        ours[i] === '∅' &&
        tagged.some((x) =>
          /^(The|This|There|It|In|Therefore|According|Both|None|All|Based)\b/.test(x),
        ),
    )
  )
    return 'upstream took the first capital of an English sentence in the answer tag ("The passage…" → T); no option is named';
  if (ours.some((o) => o.length > 1 && o !== '∅') && !/Physics/.test(ex.keyword ?? ''))
    return 'the answer tag names several options for a single-choice item: a teacher gives 0, so do we; upstream kept one of the letters';
  if (
    theirs.some((t, i) => t !== ours[i] && ours[i] === '∅') &&
    !ex.model_output.includes('【答案】')
  )
    return 'no answer tag for some sub-questions, so the tags cannot be matched to them; upstream took capitals from the text; we send it to a teacher';
  if (theirs.every((t) => t === '∅') && ours.some((o) => o !== '∅'))
    return 'upstream extracted nothing; the committed answer is there (tag with spacing or several tags, boxed, or an anchor)';
  if (
    ours.every((o) => o === '∅') &&
    tagged.some((x) => /无|没有|不能|都不|none|no correct/i.test(x))
  )
    return 'the answer tag commits to no option ("无正确答案"); upstream took a letter from elsewhere, we send it to a teacher';
  if (ours.some((o) => o === '∅'))
    return 'no single legal answer in the answer region (several letters, or none); upstream picked one; we send it to a teacher';
  return 'different letters: upstream read letters outside the answer tag (explanation text); ours is the tagged answer';
}

const pct = (x) => (100 * x).toFixed(1) + '%';
const subjects = [...bySubject.entries()].sort();
const up = (name) => upstream.subject[name]?.scoring_rate;
const lines = [
  "# Cross-check: our grader on GPT-4-0314's GAOKAO-Bench objective answers",
  '',
  `Generated by \`node backend/scripts/cross-check-gaokao-bench.mjs\` (grader \`${GRADER_VERSION}\`) from`,
  '`../shared/datasets/GAOKAO-Bench/Results/gpt_4_0314_obj/` (OpenLMLab/GAOKAO-Bench @ 6dbb24f, Apache-2.0):',
  'every objective output GPT-4-0314 gave upstream, graded from its raw text with the same rules the',
  "workbench uses, beside upstream's own extraction (`model_answer`) and scores (`result/correction_score.json`).",
  '',
  'Items are scored as upstream does: per sub-question all-or-nothing, physics multi-select 6/3/0',
  '(`subset_fixed`). "Unparsed" answers go to teachers in the workbench; here they count 0 so the two',
  'rates are comparable, and the points they carry are shown apart.',
  '',
  '| subject | items | upstream rate (correction_score.json) | upstream rate (recomputed from its extraction) | our rate | our unparsed points | items that differ |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...subjects.map(
    ([name, s]) =>
      `| ${name} | ${s.items} | ${up(name) === undefined ? '–' : pct(up(name))} | ${pct(s.theirs / s.total)} | ${pct(s.ours / s.total)} | ${s.unparsedPoints} of ${s.total} | ${s.differ} |`,
  ),
  '',
  `Overall upstream: ${pct(upstream.scoring_rate)} (${upstream.correct_score} of ${upstream.total_score}).`,
  '',
  '## Why they differ',
  '',
  "Recomputing upstream's rates from its own `model_answer` reproduces `correction_score.json` for",
  'every subject, so the comparison is like for like; every difference below is an extraction decision.',
  'Ours are lower where upstream credited a guess: when GPT-4 wrote several letters for a single-choice',
  'question (`【答案】: B, C`), upstream kept one of them (often scoring it right); a teacher gives 0 and so',
  'does our grader. When the tag commits to no option (`【答案】无正确答案`, "题目可能有误") upstream still',
  'took a letter from the explanation; we mark it UNPARSED for a teacher, never a default. Upstream also',
  'read `T` out of "The passage does not provide…" in English reading. No item differs in geography or',
  `physics; ${rows.length} of ${subjects.reduce((a, [, s]) => a + s.items, 0)} items differ in all.`,
  '',
  ...Object.entries(rows.reduce((a, r) => ((a[r.reason] = (a[r.reason] ?? 0) + 1), a), {}))
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `- ${n} item(s): ${reason}.`),
  '',
  '## Every item that differs',
  '',
  '| file | index | key | upstream | ours | our status (method) | end of the response | why |',
  '| --- | ---: | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.kw} | ${r.index} | ${r.key} | ${r.theirs} | ${r.ours} | ${r.status} (${r.method}) | ${r.tail.replace(/\|/g, '\\|')} | ${r.reason} |`,
  ),
  '',
];
writeFileSync(join(here, '../../docs/cross-check-gaokao-bench.md'), lines.join('\n'));
console.log(
  subjects
    .map(
      ([n, s]) =>
        `${n}: ours ${pct(s.ours / s.total)} upstream ${pct(s.theirs / s.total)} (${up(n) === undefined ? '-' : pct(up(n))}) differ ${s.differ}/${s.items}`,
    )
    .join('\n'),
);
console.log(`${rows.length} differing items written to docs/cross-check-gaokao-bench.md`);
