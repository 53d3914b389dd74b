/**
 * Derives a rubric from a subjective question's reference answer: marking points along the
 * answer's own seams. Marked derived; a real marking scheme should replace it. Pure: no file access.
 *
 * 1. Sub-questions: 【小问 n 详解】 headings, （1）（2）… markers (not "由 (1) 知"), (i)/(ii) inside
 *    them, or the original numbers of grouped questions ("7.C 8.（1）…"). Their points are those the
 *    stem states ("（8分）") when they add up; otherwise a one-letter choice answer counts 3 (as
 *    national papers score them) and the rest is shared evenly.
 * 2. Steps within a sub-question: the paragraphs of a worked solution (a bare premise such as
 *    "证明: 因为 a>0," or a lead-in "由动量守恒定律得:" joins the next step, "当且仅当…取等号" the
 *    previous one, a display formula too long to describe its neighbour), at most MAX_STEPS; or
 *    the answer points of a short answer (①②…, else clauses split at "；", a new heading such as
 *    "中国：" starting a step), at most MAX_POINTS; never more steps than points. When the
 *    reference answer only states results and the analysis works the same sub-questions, the
 *    analysis's steps are used.
 * 3. A description names the sub-question and says what earns the point: a worked step whole, or
 *    its opening and its result ("(2) … 则 $r \approx 0.97$"); an answer point's opening sentences.
 *    Cut only between clauses, formulas whole, at most DESCRIPTION_LIMIT characters.
 * Where no seam exists (one paragraph, several alternative reference answers, an open 示例) the
 * rubric is in score mode: the marker types a score from 0 to the question's points.
 */
const OBJECTIVE = new Set([
  'single_choice',
  'multiple_choice',
  'true_false',
  'fill_blank',
  'composite',
]);
/** Steps per sub-question at most: a marker checks a handful of points, not every line. */
export const MAX_STEPS = 4;
/** Characters a description may take (the rubric DTO allows 500). */
export const DESCRIPTION_LIMIT = 300;
/** Characters a short answer's point may take: its opening sentences. */
export const PROSE_LIMIT = 150;
/** Answer points per sub-question at most. */
export const MAX_POINTS = 5;

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v'];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

/** Text with every `$…$` / `$$…$$` formula replaced by placeholders of the same length, so splits never fall inside one. */
function maskMath(text) {
  return text.replace(/\$\$[\s\S]*?\$\$|\$[^$\n]*\$/g, (m) => '\uE000'.repeat(m.length));
}

/**
 * Removes what the source's LaTeX conversion left behind outside formulas: a "}" with no "{"
 * before it (the dataset prints "【小问 1 详解】}"). Formulas and balanced braces are untouched.
 */
export function cleanLeftovers(text) {
  if (!text) return text;
  const masked = maskMath(text);
  let depth = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (masked[i] === '{') depth++;
    if (masked[i] === '}') {
      if (depth === 0) continue;
      depth--;
    }
    out += text[i];
  }
  return out;
}

/** Positions of markers in `text` (math masked), each { index, end, label, n }. */
function markersOf(text, re, accept) {
  const masked = maskMath(text);
  return [...masked.matchAll(re)]
    .filter((m) => accept(m, masked))
    .map((m) => ({ index: m.index, end: m.index + m[0].length, m }));
}

/** Cuts `text` at the given markers; the text before the first one is returned as `lead`. */
function cutAt(text, marks, labelOf) {
  const parts = marks.map((mk, k) => ({
    label: labelOf(mk, k),
    text: text.slice(mk.end, k + 1 < marks.length ? marks[k + 1].index : undefined).trim(),
  }));
  return { lead: text.slice(0, marks[0].index).trim(), parts };
}

/** A marker "（n）" counts when it is the next number and is not a reference such as "由 (1) 知". */
function numberedMarks(text, re, numberOf, first = 1) {
  let expect = first;
  return markersOf(text, re, (m, masked) => {
    if (numberOf(m) !== expect) return false;
    const before = masked.slice(0, m.index).replace(/[ \t]+$/, '');
    if (/(由|据|知|结合|及|和|与|在|将|对|把|从|中|以)$/.test(before)) return false;
    expect++;
    return true;
  });
}

const PAREN = /[（(]\s*(\d{1,2})\s*[)）]\s*[.．、]?/g;
const ROMAN_RE = /[（(]\s*(i{1,3}|iv|v)\s*[)）]/g;
const HEADING = /【小问\s*(\d+)\s*详解】/g;
/** Grouped questions keep their original numbers: "【答案】7.C8.（1）…9.（1）…" or "17. ①…18. …". */
const NUMBERED = /(?<![\d.])(\d{1,2})\s*[.．](?!\d)/g;

/** The sub-questions of an answer, as [{ label, text }]; one unlabelled part when it has none. */
export function subQuestions(reference) {
  const text = reference.replace(/【答案】|^\s*答案[：:]/g, '').trim();
  const heads = numberedMarks(text, HEADING, (m) => Number(m[1]));
  if (heads.length >= 2) return nest(cutAt(text, heads, (mk) => `(${mk.m[1]})`).parts);
  const parens = numberedMarks(text, PAREN, (m) => Number(m[1]));
  if (parens.length >= 2) {
    const { lead, parts } = cutAt(text, parens, (mk) => `(${mk.m[1]})`);
    if (lead.replace(/^(解|证明)\s*[:：]?/, '').length <= 4) return nest(parts);
  }
  const firstNumber = /^\s*(\d{1,2})\s*[.．]/.exec(text);
  if (firstNumber) {
    const nums = numberedMarks(text, NUMBERED, (m) => Number(m[1]), Number(firstNumber[1]));
    if (nums.length >= 2) return nest(cutAt(text, nums, (mk) => `${mk.m[1]}.`).parts);
  }
  return [{ label: '', text }];
}

/** Splits a part at (i)/(ii) or, inside a grouped question, at （1）（2）. */
function nest(parts) {
  return parts.flatMap((p) => {
    const roman = numberedMarks(p.text, ROMAN_RE, (m) => ROMAN.indexOf(m[1]) + 1);
    if (roman.length >= 2) {
      const { lead, parts: inner } = cutAt(p.text, roman, (mk) => `${p.label}(${mk.m[1]})`);
      return inner.map((x, k) => ({
        ...x,
        top: p.label,
        text: k === 0 && lead ? `${lead}\n${x.text}` : x.text,
      }));
    }
    if (/\.$/.test(p.label)) {
      const parens = numberedMarks(p.text, PAREN, (m) => Number(m[1]));
      if (parens.length >= 2 && !cutAt(p.text, parens, () => '').lead)
        return cutAt(p.text, parens, (mk) => `${p.label}(${mk.m[1]})`).parts.map((x) => ({
          ...x,
          top: p.label,
        }));
    }
    return [p];
  });
}

/** Points the stem gives each sub-question, "（1）…（8分）（2）…（12分）", when every one has them. */
export function statedPoints(stem, labels) {
  if (!stem || labels.some((l) => !/^\(\d+\)$/.test(l))) return null;
  const marks = numberedMarks(stem, PAREN, (m) => Number(m[1]));
  if (marks.length !== labels.length) return null;
  const points = marks.map((mk, k) => {
    const body = stem.slice(mk.end, k + 1 < marks.length ? marks[k + 1].index : undefined);
    const hit = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/.exec(body);
    return hit ? Number(hit[1]) : null;
  });
  return points.every((p) => p !== null) ? points : null;
}

/** Shares `points` over `n` items: whole points when they go round, else half points; the first items take any remainder. */
export function sharePoints(points, n) {
  const unit = Number.isInteger(points) && points >= n ? 1 : 0.5;
  const units = Math.round(points / unit);
  const base = Math.floor(units / n);
  return Array.from({ length: n }, (_, k) => (base + (k < units % n ? 1 : 0)) * unit);
}

/**
 * Points of each sub-question: stated, or a choice letter 3 and the rest shared evenly between
 * the top-level sub-questions, then between the parts of one ((2)(i), (2)(ii)).
 */
function partPoints(parts, total, stem) {
  const stated = statedPoints(
    stem,
    parts.map((p) => p.label),
  );
  if (stated && Math.abs(stated.reduce((a, b) => a + b, 0) - total) < 1e-9) return stated;
  const tops = [...new Set(parts.map((p) => p.top ?? p.label))];
  if (tops.length < parts.length) {
    const leaves = tops.map((t) => parts.filter((p) => (p.top ?? p.label) === t));
    const shares = topPoints(
      leaves.map((l) => (l.length === 1 ? l[0] : { text: '' })),
      total,
    );
    return leaves.flatMap((l, k) => sharePoints(shares[k], l.length));
  }
  return topPoints(parts, total);
}

function topPoints(parts, total) {
  const isChoice = parts.map((p) => /^[A-E]{1,4}[.。]?$/.test(p.text.trim()));
  const choices = isChoice.filter(Boolean).length;
  const rest = parts.length - choices;
  if (choices && rest && total - 3 * choices >= rest) {
    const shared = sharePoints(total - 3 * choices, rest);
    let k = 0;
    return isChoice.map((c) => (c ? 3 : shared[k++]));
  }
  return sharePoints(total, parts.length);
}

/** Paragraphs of a worked solution: blank-line separated, a display formula kept whole. */
function paragraphs(text) {
  const blocks = text.includes('\n\n') ? text.split(/\n\s*\n/) : text.split('\n');
  const out = [];
  for (const b of blocks.map((s) => s.trim()).filter(Boolean)) {
    const open = out.length && (out[out.length - 1].match(/\$\$/g) ?? []).length % 2 === 1;
    if (open) out[out.length - 1] += `\n${b}`;
    else out.push(b);
  }
  return out;
}

/** A text on one line, runs of white space as one space. */
const bare = (s) => s.replace(/\s+/g, ' ').trim();
const PREMISE = /^((解|证明)\s*[:：]\s*)?(因为|由于|已知|由)/;
const TAIL = /^(当且仅当|显然成立|综上|所以原不等式成立|得证|即证)/;

/** Worked steps: a bare premise joins the next paragraph, an equality-case tail the previous one. */
function workedSteps(text) {
  const units = paragraphs(text);
  const steps = [];
  let carry = '';
  for (const u of units) {
    // A bare premise ("证明: 因为 $a>0$,") or a lead-in ending in a colon ("由动量守恒定律得:") joins what follows.
    const premise =
      (PREMISE.test(u) && /[,，]\s*$/.test(u) && u.length < 60) || /[:：]\s*$/.test(u);
    if (premise || u.replace(/\s/g, '').length <= 3) {
      carry = carry ? `${carry} ${u}` : u;
      continue;
    }
    const joined = carry ? `${carry} ${u}` : u;
    carry = '';
    if (steps.length && TAIL.test(u.replace(/^[,，\s]+/, '')) && u.length < 80)
      steps[steps.length - 1] += ` ${joined}`;
    else steps.push(joined);
  }
  if (carry) {
    if (steps.length) steps[steps.length - 1] += ` ${carry}`;
    else steps.push(carry);
  }
  // A step that is one formula too long to describe (a display of the whole computation) joins the next.
  for (let k = steps.length - 1; k >= 0; k--) {
    if (steps.length > 1 && !describable(steps[k])) {
      const to = k + 1 < steps.length ? k + 1 : k - 1;
      steps[to] = to > k ? `${steps[k]}\n${steps[to]}` : `${steps[to]}\n${steps[k]}`;
      steps.splice(k, 1);
    }
  }
  return steps;
}

/** Answer points of a short answer: ①②…, else "第一问/第二问", else clauses split at "；". */
function answerPoints(text) {
  const flat = text.replace(/\n+/g, '');
  const circled = flat
    .split(new RegExp(`(?=[${CIRCLED}])`))
    .map((s) => s.replace(new RegExp(`^([${CIRCLED}])\\s*[.．、]\\s*`), '$1').trim())
    .filter(Boolean);
  if (circled.length >= 2) {
    // A short heading before ① ("第一问：", "变化：") belongs to the first point.
    if (!new RegExp(`^[${CIRCLED}]`).test(circled[0]) && circled[0].length <= 12)
      circled.splice(0, 2, `${circled[0]}${circled[1]}`);
    return circled;
  }
  const masked = maskMath(flat);
  // Sentences are answer points when there are a few of them; a letter or an essay is one.
  const seams =
    /[；;]/.test(masked) || (masked.match(/[。！？](?=.)/g) ?? []).length <= 2
      ? /[；;]|。(?=.)/g
      : /[；;]/g;
  const points = [];
  let start = 0;
  for (const m of masked.matchAll(seams)) {
    points.push(flat.slice(start, m.index + 1).trim());
    start = m.index + 1;
  }
  points.push(flat.slice(start).trim());
  return points.filter((s) => s.replace(/[；;。\s]/g, ''));
}

/** An answer point that opens with a short heading: "中国：政府主导", "积极作用 ：…". */
const HEADED = /^[^，,；;。：:]{1,10}\s*[：:]/;

/** Groups `units` into `n` runs of consecutive units, as even in length as the seams allow. */
function group(units, n) {
  if (units.length <= n) return units.map((u) => [u]);
  const lengths = units.map((u) => bare(maskMath(u)).length + 20);
  const total = lengths.reduce((a, b) => a + b, 0);
  const groups = [];
  let current = [];
  let acc = 0;
  units.forEach((u, k) => {
    const left = units.length - k;
    const need = n - groups.length - 1;
    const due = acc + lengths[k] / 2 > (total * (groups.length + 1)) / n;
    // A new heading ("中国：", "消极：") starts a step when a step is still to be opened.
    const heading = HEADED.test(u) && acc > total / (2 * n);
    if (current.length && (left <= need || ((due || heading) && need > 0))) {
      groups.push(current);
      current = [];
    }
    current.push(u);
    acc += lengths[k];
  });
  groups.push(current);
  return groups;
}

/** Clauses of a text, split after "，,；;。：." outside formulas (each keeps its punctuation); a display formula is one. */
function clauses(text) {
  const out = [];
  for (const piece of bare(text).split(/(\$\$[\s\S]*?\$\$)/)) {
    if (piece.startsWith('$$')) {
      out.push(piece);
      continue;
    }
    const masked = maskMath(piece);
    let start = 0;
    for (const m of masked.matchAll(/[，,；;。：:]|\.(?=\s|$)/g)) {
      out.push(piece.slice(start, m.index + 1).trim());
      start = m.index + 1;
    }
    out.push(piece.slice(start).trim());
  }
  return out.filter((c) => c.replace(/[，,；;。：:.\s]/g, ''));
}

/**
 * What earns the point: the step whole when it is short, else its opening clauses and its
 * result, joined by " … " where clauses are left out. Never cut inside a formula.
 */
export function describe(label, step, { limit = DESCRIPTION_LIMIT, prose = false } = {}) {
  const text = bare(
    step
      .replace(/^(解|答|证明)\s*[:：]\s*(?=\S)/, '')
      .replace(/##/g, ' 或 ')
      // Cases inside a sub-question ("(1) 若…斜率不存在") are not sub-questions.
      .replace(/(^|\s)[（(]\s*(\d)\s*[)）]\s*(?=若|当|如果)/g, '$1情形$2：'),
  );
  const prefix = label ? `${label} ` : '';
  const room = (prose ? PROSE_LIMIT : limit) - prefix.length;
  const strip = (s) => s.replace(/[，,；;：:]$/, '');
  if (text.length <= room) return prefix + strip(text);
  const cs = clauses(text);
  if (prose) {
    // An answer point: its opening sentences (the point itself; what follows applies it).
    let n = 0;
    let used = 0;
    while (n < cs.length && used + cs[n].length + 2 <= room) used += cs[n++].length;
    return n ? `${prefix}${strip(cs.slice(0, n).join(''))} …` : null;
  }
  // The result: the last clause that fits, with the clauses just before it while they fit in half the room.
  let last = cs.length - 1;
  while (last >= 0 && cs[last].length > room) last--;
  if (last < 0) return null;
  let first = last;
  let used = cs[last].length;
  while (first > 0 && used + cs[first - 1].length + 1 <= room / 2) used += cs[--first].length + 1;
  // The opening: clauses from the start while room remains.
  let open = 0;
  while (open < first && used + cs[open].length + 3 <= room) used += cs[open++].length + 1;
  const pieces = [];
  if (open) pieces.push(cs.slice(0, open).join(' '));
  if (open < first) pieces.push('…');
  pieces.push(cs.slice(first, last + 1).join(' '));
  if (last < cs.length - 1) pieces.push('…');
  return prefix + strip(pieces.join(' '));
}

/** Whether a step can be described within the limit (a step that is one huge formula cannot). */
const describable = (step) => describe('', step) !== null;

/** Reasons to leave a question to a typed score: alternative answers, an open example, no seams. */
const OPEN = /参考答案[一二]|^\s*(参考)?示例[：:]/m;

/** The items of a question, or [] when no sensible marking points can be derived. */
export function deriveItems(q) {
  const reference = q.referenceAnswer ?? '';
  if (!reference.trim() || OPEN.test(reference)) return [];
  const worked = q.type === 'calculation';
  // An explanation followed by "答案：①…": the answer is what is marked.
  const answer = /\n\s*答案[：:]([\s\S]+)$/.exec(reference);
  let parts = subQuestions(answer ? answer[1] : reference);
  if (worked && q.analysis) {
    // A reference that only states results: take the steps from an analysis that works the same parts.
    const analysed = subQuestions(q.analysis.replace(/^\s*(【分析】|【详解】|解\s*[:：])/g, ''));
    const sameLabels = analysed.map((p) => p.label).join() === parts.map((p) => p.label).join();
    const count = (ps) => ps.reduce((a, p) => a + workedSteps(p.text).length, 0);
    if (
      sameLabels &&
      parts.every((p) => paragraphs(p.text).length <= 1) &&
      count(analysed) > count(parts)
    )
      parts = analysed;
  }
  parts = parts.filter((p) => p.text.replace(/\s/g, ''));
  if (!parts.length) return [];
  const points = partPoints(parts, q.points, q.stem);
  const items = [];
  parts.forEach((p, k) => {
    const units = worked ? workedSteps(p.text) : answerPoints(p.text);
    const n = Math.max(
      1,
      Math.min(units.length, worked ? MAX_STEPS : MAX_POINTS, Math.floor(points[k]) || 1),
    );
    const steps = group(units, n).map((g) => g.join(worked ? '\n' : ''));
    const shares = sharePoints(points[k], steps.length);
    steps.forEach((s, j) =>
      items.push({
        points: shares[j],
        description: describe(p.label, choiceText(s), { prose: !worked }),
      }),
    );
  });
  if (items.length < 2 || items.some((i) => i.points <= 0 || !i.description)) return [];
  return items.map((i, k) => ({ id: String.fromCharCode(97 + k), ...i }));
}

/** A lone choice letter reads as what the marker checks: "选 C". */
const choiceText = (s) =>
  /^[A-E]{1,4}[.。]?$/.test(s.trim()) ? `选 ${s.trim().replace(/[.。]$/, '')}` : s;

export function deriveRubric(q) {
  if (OBJECTIVE.has(q.type)) return null;
  const items = deriveItems(q);
  return {
    question: q.number,
    mode: items.length ? 'items' : 'score',
    startingPoints: 0,
    floor: 0,
    ceiling: q.points,
    graderNotes: q.analysis ? truncate(q.analysis, 800) : undefined,
    ...(items.length ? { items } : {}),
    samples: [{ answer: q.referenceAnswer, score: q.points, note: '参考答案（满分样例）' }],
  };
}

/** Grader notes longer than `n` end at the last sentence end before it. */
function truncate(text, n) {
  if (text.length <= n) return text;
  const masked = maskMath(text.slice(0, n));
  const cut = Math.max(...['。', '；', '\n', '. '].map((p) => masked.lastIndexOf(p)));
  // No sentence end in the second half: cut before the formula the limit falls in, if any.
  const end =
    cut > n / 2 ? cut + 1 : masked.endsWith('\uE000') ? masked.replace(/\uE000+$/, '').length : n;
  return `${text.slice(0, end).trim()}…`;
}
