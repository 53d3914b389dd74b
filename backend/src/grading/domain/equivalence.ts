import { MathNode, parse, unit as mathUnit } from 'mathjs';
import { matchBrace, toHalfWidth } from './clean';
import { looksLikeSet, readSet, sameSet } from './sets';

/**
 * Whether a blank's answer equals one accepted key (eval-anchors §3.4): exact after normalisation,
 * then numeric equality, then symbolic equality of algebraic expressions (mathjs, evaluated at
 * fixed sample points), then quantities compared in the key's unit. Never a fuzzy string ratio:
 * 0.25 is not 0.26.
 */

/**
 * `undecidable`: the rules cannot tell (a form they do not read, a set they cannot parse): the
 * answer goes to a teacher, it is never marked wrong for it.
 */
export type Match =
  | { equal: true; how: 'exact' | 'numeric' | 'symbolic' | 'unit' | 'synonym' | 'set' | 'percent' }
  | { equal: false; undecidable?: false }
  | { equal: false; undecidable: true; why: string };

const NO: Match = { equal: false };
const undecidable = (why: string): Match => ({ equal: false, undecidable: true, why });

/** Per-subject synonyms: both sides are mapped to the first word of their group. */
const SYNONYMS: Record<string, string[][]> = {
  physics: [
    ['增大', '变大', '增加', '升高'],
    ['减小', '变小', '减少', '降低'],
    ['不变', '保持不变'],
    ['距离', '路程'],
  ],
  chemistry: [
    ['增大', '变大', '增加'],
    ['减小', '变小', '减少'],
  ],
  biology: [
    ['增加', '增多', '上升'],
    ['减少', '下降', '降低'],
  ],
};

const UNIT_WORDS: [RegExp, string][] = [
  [/℃|°C/g, 'degC'],
  [/°/g, 'deg'],
  [/千米|公里/g, 'km'],
  [/厘米/g, 'cm'],
  [/毫米/g, 'mm'],
  [/米/g, 'm'],
  [/千克|公斤/g, 'kg'],
  [/克/g, 'g'],
  [/秒/g, 's'],
  [/分钟/g, 'min'],
  [/小时/g, 'h'],
  [/牛顿|牛/g, 'N'],
  [/焦耳|焦/g, 'J'],
  [/瓦特|瓦/g, 'W'],
  [/伏特|伏/g, 'V'],
  [/安培|安/g, 'A'],
  [/欧姆|欧|Ω/g, 'ohm'],
];

/**
 * Text form for exact comparison: ASCII (full-width folded, U+2212 minus, thin and zero-width
 * spaces), no spaces, no `$`, `\left`/`\right`, `\text{}`, `\dfrac`, LaTeX spacing or trailing full
 * stop; ∞, degrees and superscripts in one spelling.
 */
export function normalizeBlank(s: string): string {
  // Keys repeat across thousands of answers, and so do many answers: normalise each text once.
  let hit = normalized.get(s);
  if (hit === undefined) {
    if (normalized.size > 20_000) normalized.clear();
    normalized.set(s, (hit = normalizeUncached(s)));
  }
  return hit;
}

const normalized = new Map<string, string>();

function normalizeUncached(s: string): string {
  let t = toHalfWidth(s).trim();
  t = t
    .replace(/\$/g, '')
    .replace(/\\(?:left|right)(?![a-z])\.?/g, '')
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\%/g, '%');
  t = t
    .replace(/\\(?:text|mathrm|rm|mathit|operatorname)\{([^{}]*)\}/g, '$1')
    .replace(/π/g, '\\pi')
    .replace(/∞/g, '\\infty')
    .replace(/\\(?:[,;:! ]|q?quad(?![a-z]))/g, '')
    .replace(/\^\{?\\circ\}?|\\degree(?![a-z])|º/g, '°')
    .replace(/[²³]/g, (c) => (c === '²' ? '^2' : '^3'));
  t = t.replace(/\s+/g, '').replace(/[。.]$/, '');
  return t;
}

/** LaTeX as mathjs syntax: \frac{a}{b} → ((a)/(b)), \sqrt{x} → sqrt(x), \pi → pi, × → *. */
export function latexToMath(s: string): string {
  let hit = translated.get(s);
  if (hit === undefined) {
    if (translated.size > 20_000) translated.clear();
    translated.set(s, (hit = translateUncached(s)));
  }
  return hit;
}

const translated = new Map<string, string>();

function translateUncached(s: string): string {
  // A whole number written against a numeric fraction is a mixed number (带分数): 1\frac{1}{5} and
  // 1又1/5 are 6/5, not 1 × 1/5. Only digits on every side, so 2\frac{x}{3} stays a product.
  let t = normalizeBlank(s)
    .replace(/(?<![\d.}^_a-zA-Z])(\d+)\\frac\{(\d+)\}\{(\d+)\}/g, '($1+$2/$3)')
    .replace(/(?<![\d.])(\d+)又(\d+)\/(\d+)/g, '($1+$2/$3)');
  for (const cmd of ['\\frac', '\\sqrt']) {
    for (let i = t.indexOf(cmd); i !== -1; i = t.indexOf(cmd)) {
      let j = i + cmd.length;
      let root = '';
      if (cmd === '\\sqrt' && t[j] === '[') {
        const close = t.indexOf(']', j);
        root = t.slice(j + 1, close);
        j = close + 1;
      }
      const args: string[] = [];
      for (let k = 0; k < (cmd === '\\frac' ? 2 : 1); k++) {
        if (t[j] === '{') {
          const close = matchBrace(t, j);
          if (close === -1) return t;
          args.push(t.slice(j + 1, close));
          j = close + 1;
        } else args.push(t[j++] ?? '');
      }
      const repl =
        cmd === '\\frac'
          ? `((${args[0]})/(${args[1]}))`
          : root
            ? `nthRoot(${args[0]},${root})`
            : `sqrt(${args[0]})`;
      t = t.slice(0, i) + repl + t.slice(j);
    }
  }
  t = t.replace(/√\s*([0-9a-z]+|\([^)]*\))/g, 'sqrt($1)');
  t = t
    .replace(/\\infty/g, 'Infinity')
    .replace(/\\pi/g, 'pi')
    .replace(/\\cdot|\\times|×|·/g, '*')
    .replace(/\\div|÷/g, '/');
  t = t.replace(/\\(sin|cos|tan|ln|log|exp)/g, '$1').replace(/\\/g, '');
  t = t.replace(/\{/g, '(').replace(/\}/g, ')');
  // x(x+2) is a product, not a call of a function named x.
  return t.replace(/(?<![a-zA-Z])([a-zA-Z])\(/g, '$1*(');
}

const FUNCTIONS = new Set([
  'sqrt',
  'nthRoot',
  'sin',
  'cos',
  'tan',
  'ln',
  'log',
  'exp',
  'pi',
  'e',
  'Infinity',
]);
const SAMPLES = [0.37, 1.41, 2.23, -0.71, 3.17];

// Keys repeat across thousands of answers, and so do many answers: parse each text once.
type Compiled = { node: MathNode; vars: string[] };
const compiled = new Map<string, Compiled | null>();

function compile(expr: string): { node: MathNode; vars: string[] } | null {
  let hit = compiled.get(expr);
  if (hit === undefined) {
    if (compiled.size > 20_000) compiled.clear();
    compiled.set(expr, (hit = compileUncached(expr)));
  }
  return hit;
}

function compileUncached(expr: string): { node: MathNode; vars: string[] } | null {
  try {
    const node = parse(expr.replace(/\bln\(/g, 'log('));
    const vars = new Set<string>();
    node.traverse((n) => {
      const sym = n as MathNode & { isSymbolNode?: boolean; name?: string };
      if (sym.isSymbolNode && sym.name && !FUNCTIONS.has(sym.name)) vars.add(sym.name);
    });
    return { node, vars: [...vars].sort() };
  } catch {
    return null;
  }
}

function valueAt(c: { node: MathNode; vars: string[] }, k: number): number | null {
  try {
    const scope = Object.fromEntries(c.vars.map((v, i) => [v, SAMPLES[(k + i) % SAMPLES.length]]));
    const v = c.node.evaluate(scope);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function quantity(s: string): { value: number; unit: string } | null {
  let t = normalizeBlank(s);
  for (const [re, u] of UNIT_WORDS) t = t.replace(re, u);
  const m = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*([a-zA-Z/^0-9]+)$/.exec(t);
  if (!m || /^\d+$/.test(m[2])) return null;
  try {
    mathUnit(1, m[2]);
    return { value: Number(m[1]), unit: m[2] };
  } catch {
    return null;
  }
}

function synonymForm(s: string, subject?: string): string {
  let t = s;
  for (const group of SYNONYMS[subject ?? ''] ?? [])
    for (const w of group.slice(1)) t = t.split(w).join(group[0]);
  return t;
}

/** The value of a constant expression ("\\frac{1}{2}", "\\sqrt{2}"), or null. */
export function constantValue(expr: string): number | null {
  const c = compile(latexToMath(expr));
  return c && !c.vars.length ? valueAt(c, 0) : null;
}

// Digits, LaTeX, operators or Latin letters: the answer is maths, so a failure to read it is ours.
const isMathLike = (s: string) => /[0-9\\^_=+*/<>()[\]{}]|[a-zA-Z]/.test(s);

/** Numeric or symbolic equality of two expressions; undecidable when either cannot be read. */
function sameExpression(a: string, k: string): Match {
  const ca = compile(a);
  const ck = compile(k);
  if (!ck)
    return isMathLike(k) && isMathLike(a)
      ? undecidable('the key is not an expression the rules read')
      : NO;
  if (!ca)
    return isMathLike(a) ? undecidable('the answer is not an expression the rules read') : NO;
  // A name longer than a letter ("log_2", "binom") is LaTeX the rules did not translate, not a variable.
  if (ca.vars.join() !== ck.vars.join())
    return [...ca.vars, ...ck.vars].some((v) => v.length > 1)
      ? undecidable('the answer uses notation the rules do not read')
      : NO;
  let compared = 0;
  for (let i = 0; i < (ca.vars.length ? SAMPLES.length : 1); i++) {
    const va = valueAt(ca, i);
    const vk = valueAt(ck, i);
    if (va === null && vk === null) continue;
    if (va === null || vk === null || !close(va, vk)) return NO;
    compared++;
  }
  if (!compared) return undecidable('neither side has a value at the sample points');
  return { equal: true, how: ca.vars.length ? 'symbolic' : 'numeric' };
}

const formOf = (t: string) =>
  t.includes('%')
    ? 'percent'
    : /\\frac|\//.test(t)
      ? 'fraction'
      : /\d\.\d/.test(t)
        ? 'decimal'
        : 'other';

/**
 * A percentage answering a plain-number key: 50% is 1/2 when the key is a probability or a
 * rate (between 0 and 1) and the paper does not demand the key's form; never otherwise.
 */
function percentAgainstPlain(a: string, k: string, isFormStrict: boolean): Match | null {
  if (!a.includes('%') || k.includes('%')) return null;
  if (isFormStrict) return NO;
  const kv = constantValue(k);
  const av = constantValue(a.replace(/%/g, '/100'));
  if (kv === null || kv < 0 || kv > 1) return NO;
  if (av === null) return undecidable('the percentage is not a number the rules read');
  return close(av, kv) ? { equal: true, how: 'percent' } : NO;
}

function sets(a: string, k: string): Match | null {
  if (!looksLikeSet(k) && !looksLikeSet(a)) return null;
  const sk = readSet(k, constantValue);
  const sa = readSet(a, constantValue);
  if (sk && sa) return sameSet(sa, sk) ? { equal: true, how: 'set' } : NO;
  // A plain number for an interval key is decidedly not that set; a set form we cannot read is for a teacher.
  if (sk && !looksLikeSet(a) && constantValue(a) !== null) return NO;
  return undecidable(`${sk ? 'the answer' : 'the key'} is a set form the rules do not read`);
}

/**
 * Counting words and units primary word problems answer with but a key leaves out ("12元", "12 个",
 * "5平方米", "3倍" for a key of 12, 5 or 3): CMATH keys are bare numbers. Only a number followed by
 * one of these whole words, and only against a key that is itself a bare number; the number must
 * still be equal. Units mathjs reads (米, 千克) are compared in the quantity rule first.
 */
const COUNTED =
  /^(-?(?:[0-9]+又)?[0-9.]+(?:\/[0-9]+)?|[0-9]*\\frac\{[0-9]+\}\{[0-9]+\})(?:元|角|个|只|本|人|名|位|辆|条|张|块|棵|朵|支|枝|件|次|页|岁|天|周|星期|年|月|日|下|颗|粒|箱|盒|袋|瓶|杯|碗|份|头|匹|双|套|台|架|艘|排|行|层|把|根|组|道|题|座|间|场|盆|筐|斤|两|吨|(?:平方|立方)?(?:千米|分米|厘米|毫米|米)|千克|克|小时|分钟|秒|公顷|亩|毫升|升|倍|分|刻钟|圈|步|户|队|班|楼|站|元钱)$/;

export function blankMatches(
  answer: string,
  key: string,
  opts: { subject?: string; isFormStrict?: boolean } = {},
): Match {
  const a = normalizeBlank(answer);
  const k = normalizeBlank(key);
  if (a === k) return { equal: true, how: 'exact' };
  if (!a) return NO;
  if (synonymForm(a, opts.subject) === synonymForm(k, opts.subject))
    return { equal: true, how: 'synonym' };
  // "x=12" answers a key of "12"; the other way round is left to exact equality.
  const bare = !k.includes('=') ? a.replace(/^[a-zA-Z]\w*=/, '') : a;
  const set = sets(bare, k);
  if (set) return set;
  const percent = percentAgainstPlain(bare, k, !!opts.isFormStrict);
  if (percent) return percent;
  // A form the paper demands: 0.3 does not answer "write it as a fraction".
  if (opts.isFormStrict && formOf(bare) !== formOf(k)) return NO;
  const qa = quantity(bare);
  const qk = quantity(k);
  if (qk && qa) {
    try {
      return close(mathUnit(qa.value, qa.unit).toNumber(qk.unit), qk.value)
        ? { equal: true, how: 'unit' }
        : NO;
    } catch {
      return NO;
    }
  }
  const counted =
    !qa && !qk && constantValue(k) !== null && !/[a-zA-Z\u4e00-\u9fff]/.test(k)
      ? COUNTED.exec(bare)
      : null;
  if (counted) {
    const m = sameExpression(latexToMath(counted[1]), latexToMath(k));
    return m.equal ? { equal: true, how: 'unit' } : m;
  }
  // Degrees against a key in radians (30° for \frac{\pi}{6}).
  const aDeg =
    qa && !qk && qa.unit === 'deg' && k.includes('\\pi')
      ? String((qa.value * Math.PI) / 180)
      : null;
  // A bare number answers a key with a unit only when the unit is the key's: compare the numbers.
  const ea = latexToMath(aDeg ?? (qa && !qk ? String(qa.value) : bare)).replace(/%/g, '/100');
  const ek = latexToMath(qk ? String(qk.value) : k).replace(/%/g, '/100');
  return sameExpression(ea, ek);
}
