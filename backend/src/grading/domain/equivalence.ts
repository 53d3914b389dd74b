import { MathNode, parse, unit as mathUnit } from 'mathjs';
import { matchBrace, toHalfWidth } from './clean';

/**
 * Whether a blank's answer equals one accepted key (eval-anchors §3.4): exact after normalisation,
 * then numeric equality, then symbolic equality of algebraic expressions (mathjs, evaluated at
 * fixed sample points), then quantities compared in the key's unit. Never a fuzzy string ratio:
 * 0.25 is not 0.26.
 */

export type Match = { equal: true; how: 'exact' | 'numeric' | 'symbolic' | 'unit' | 'synonym' } | { equal: false };

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

/** Text form for exact comparison: ASCII, no spaces, no `$`, `\left`/`\right`, `\text{}` or trailing full stop. */
export function normalizeBlank(s: string): string {
  let t = toHalfWidth(s).trim();
  t = t
    .replace(/\$/g, '')
    .replace(/\\(?:left|right)\b/g, '')
    .replace(/\\[dt]frac/g, '\\frac');
  t = t
    .replace(/\\(?:text|mathrm|rm)\{([^{}]*)\}/g, '$1')
    .replace(/π/g, '\\pi')
    .replace(/\\[,;!quad ]+/g, '');
  t = t.replace(/\s+/g, '').replace(/[。.]$/, '');
  return t;
}

/** LaTeX as mathjs syntax: \frac{a}{b} → ((a)/(b)), \sqrt{x} → sqrt(x), \pi → pi, × → *. */
export function latexToMath(s: string): string {
  let t = normalizeBlank(s);
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
      const repl = cmd === '\\frac' ? `((${args[0]})/(${args[1]}))` : root ? `nthRoot(${args[0]},${root})` : `sqrt(${args[0]})`;
      t = t.slice(0, i) + repl + t.slice(j);
    }
  }
  t = t.replace(/√\s*([0-9a-z]+|\([^)]*\))/g, 'sqrt($1)');
  t = t
    .replace(/\\pi/g, 'pi')
    .replace(/\\cdot|\\times|×|·/g, '*')
    .replace(/\\div|÷/g, '/');
  t = t.replace(/\\(sin|cos|tan|ln|log|exp)/g, '$1').replace(/\\/g, '');
  t = t.replace(/\{/g, '(').replace(/\}/g, ')');
  // x(x+2) is a product, not a call of a function named x.
  return t.replace(/(?<![a-zA-Z])([a-zA-Z])\(/g, '$1*(');
}

const FUNCTIONS = new Set(['sqrt', 'nthRoot', 'sin', 'cos', 'tan', 'ln', 'log', 'exp', 'pi', 'e']);
const SAMPLES = [0.37, 1.41, 2.23, -0.71, 3.17];

// Keys repeat across thousands of answers, and so do many answers: parse each text once.
const compiled = new Map<string, { node: MathNode; vars: string[] } | null>();

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

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

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
  for (const group of SYNONYMS[subject ?? ''] ?? []) for (const w of group.slice(1)) t = t.split(w).join(group[0]);
  return t;
}

export function blankMatches(answer: string, key: string, opts: { subject?: string } = {}): Match {
  const a = normalizeBlank(answer);
  const k = normalizeBlank(key);
  if (a === k) return { equal: true, how: 'exact' };
  if (a && synonymForm(a, opts.subject) === synonymForm(k, opts.subject)) return { equal: true, how: 'synonym' };
  // "x=12" answers a key of "12"; the other way round is left to exact equality.
  const bare = !k.includes('=') ? a.replace(/^[a-zA-Z]\w*=/, '') : a;
  // Percent only where the key is a percentage: 50% ≡ 0.5 then, never otherwise.
  if (bare.includes('%') !== k.includes('%') && !k.includes('%')) return { equal: false };
  const qa = quantity(bare);
  const qk = quantity(k);
  if (qk && qa) {
    try {
      return close(mathUnit(qa.value, qa.unit).toNumber(qk.unit), qk.value) ? { equal: true, how: 'unit' } : { equal: false };
    } catch {
      return { equal: false };
    }
  }
  // A bare number answers a key with a unit only when the unit is the key's: compare the numbers.
  const ca = compile(latexToMath(qa && !qk ? String(qa.value) : bare).replace(/%/g, '/100'));
  const ck = compile(latexToMath(qk ? String(qk.value) : k).replace(/%/g, '/100'));
  if (!ca || !ck || ca.vars.join() !== ck.vars.join()) return { equal: false };
  if (!ca.vars.length) {
    const va = valueAt(ca, 0);
    const vk = valueAt(ck, 0);
    return va !== null && vk !== null && close(va, vk) ? { equal: true, how: 'numeric' } : { equal: false };
  }
  for (let i = 0; i < SAMPLES.length; i++) {
    const va = valueAt(ca, i);
    const vk = valueAt(ck, i);
    if (va === null || vk === null || !close(va, vk)) return { equal: false };
  }
  return { equal: true, how: 'symbolic' };
}
