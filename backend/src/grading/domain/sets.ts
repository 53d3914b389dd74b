/**
 * Sets of real numbers written as intervals ("(1,+\infty)", "[0,1)\cup(2,3]") or in set-builder
 * form ("{x|x>1}", "x\geq 2", "{x|x<-1或x>3}"), read into a union of intervals so that two
 * spellings of the same set compare equal. Input is a blank already normalised (no spaces,
 * `\left`/`\right` removed, ∞ as `\infty`).
 */

export interface Interval {
  lo: number;
  hi: number;
  isLoClosed: boolean;
  isHiClosed: boolean;
}

/** A set as sorted, merged intervals; `null` when the text is not a set this module can read. */
export type RealSet = Interval[];

const OPS: [RegExp, '<' | '<=' | '>' | '>='][] = [
  [/\\(?:geqslant|geq|ge)|≥|>=/g, '>='],
  [/\\(?:leqslant|leq|le)|≤|<=/g, '<='],
  [/\\gt/g, '>'],
  [/\\lt/g, '<'],
];

/** Whether a normalised blank is written as a set at all (then it must be compared as one). */
export function looksLikeSet(t: string): boolean {
  return (
    /\\cup|∪|\\infty|∅|\\(?:varnothing|emptyset)|\\mathbb\{R\}|^R$|[<>≤≥]|\\[gl]eq?(?:slant)?(?![a-z])/.test(
      t,
    ) ||
    /^\{[a-z]\s*[|:]/.test(t) ||
    /^[([][^,()[\]]+,[^,()[\]]+[)\]]$/.test(t)
  );
}

function canonical(t: string): string {
  let s = t
    .replace(/\\mid|\\vert|∣/g, '|')
    .replace(/\\\{/g, '{')
    .replace(/\\\}/g, '}');
  for (const [re, op] of OPS) s = s.replace(re, op);
  return s.replace(/\\mathbb\{R\}/g, 'R').replace(/\\in(?![a-z])/g, '∈');
}

function endpoint(e: string, num: (expr: string) => number | null): number | null {
  if (/^\+?\\infty$/.test(e)) return Infinity;
  if (/^-\\infty$/.test(e)) return -Infinity;
  return num(e);
}

function interval(t: string, num: (expr: string) => number | null): Interval | null {
  const m = /^([([])([^,]+),([^,]+)([)\]])$/.exec(t);
  if (!m) return null;
  const lo = endpoint(m[2], num);
  const hi = endpoint(m[3], num);
  if (lo === null || hi === null || lo > hi) return null;
  return {
    lo,
    hi,
    isLoClosed: m[1] === '[' && lo !== -Infinity,
    isHiClosed: m[4] === ']' && hi !== Infinity,
  };
}

/** One condition on the variable: "x>1", "1<x<=3", "-1<=x". */
function condition(c: string, v: string, num: (expr: string) => number | null): Interval | null {
  const parts = c.split(/(<=|>=|<|>)/);
  if (parts.length !== 3 && parts.length !== 5) return null;
  let out: Interval = { lo: -Infinity, hi: Infinity, isLoClosed: false, isHiClosed: false };
  for (let i = 0; i + 2 < parts.length; i += 2) {
    const [a, op, b] = [parts[i], parts[i + 1], parts[i + 2]];
    const isVarLeft = a === v;
    if (!isVarLeft && b !== v) return null;
    const value = num(isVarLeft ? b : a);
    if (value === null) return null;
    // Normalise to "v op value".
    const o = isVarLeft ? op : ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const)[op as '<'];
    const closed = o.endsWith('=');
    if (o.startsWith('>'))
      out =
        value > out.lo || (value === out.lo && !closed)
          ? { ...out, lo: value, isLoClosed: closed }
          : out;
    else
      out =
        value < out.hi || (value === out.hi && !closed)
          ? { ...out, hi: value, isHiClosed: closed }
          : out;
  }
  return out.lo > out.hi ? null : out;
}

function merge(list: Interval[]): RealSet {
  const sorted = list
    .filter((i) => i.lo < i.hi || (i.isLoClosed && i.isHiClosed))
    .sort((a, b) => a.lo - b.lo || Number(b.isLoClosed) - Number(a.isLoClosed));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && (i.lo < last.hi || (i.lo === last.hi && (last.isHiClosed || i.isLoClosed)))) {
      if (i.hi > last.hi || (i.hi === last.hi && i.isHiClosed))
        out[out.length - 1] = { ...last, hi: i.hi, isHiClosed: i.isHiClosed };
    } else out.push({ ...i });
  }
  return out;
}

/** Reads a set, or null when it is not one (or not one this reader understands). */
export function readSet(text: string, num: (expr: string) => number | null): RealSet | null {
  const t = canonical(text);
  if (/^(?:∅|\\varnothing|\\emptyset|\{\})$/.test(t)) return [];
  if (t === 'R' || /^\(-\\infty,\+?\\infty\)$/.test(t))
    return [{ lo: -Infinity, hi: Infinity, isLoClosed: false, isHiClosed: false }];
  const builder = /^\{([a-z])[|:](.+)\}$/.exec(t);
  const bare = /^([a-z])(?:<=|>=|<|>|∈)/.exec(t) ?? /(?:<=|>=|<|>)([a-z])(?:<=|>=|<|>|$)/.exec(t);
  const v = builder?.[1] ?? bare?.[1];
  const body = builder ? builder[2] : t;
  const pieces = body.split(/\\cup|∪|或|\bor\b|,(?![^()[\]]*[)\]])/);
  const out: Interval[] = [];
  for (const p of pieces) {
    let piece = p;
    if (v && piece.startsWith(`${v}∈`)) piece = piece.slice(2);
    const i = v && /(?:<=|>=|<|>)/.test(piece) ? condition(piece, v, num) : interval(piece, num);
    if (!i) return null;
    out.push(i);
  }
  return merge(out);
}

// Infinite endpoints are equal only to themselves (∞ − 2 is within any relative tolerance of ∞).
const near = (a: number, b: number) =>
  a === b ||
  (Number.isFinite(a) &&
    Number.isFinite(b) &&
    Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

export function sameSet(a: RealSet, b: RealSet): boolean {
  return (
    a.length === b.length &&
    a.every(
      (x, i) =>
        near(x.lo, b[i].lo) &&
        near(x.hi, b[i].hi) &&
        x.isLoClosed === b[i].isLoClosed &&
        x.isHiClosed === b[i].isHiClosed,
    )
  );
}
