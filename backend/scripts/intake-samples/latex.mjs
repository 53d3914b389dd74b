/**
 * The LaTeX of the sample bundles written as a Word file or a PDF would hold it: Word equations
 * (docx math objects) for the subset below, and Unicode text for a PDF's text layer. What the
 * subset does not cover stays LaTeX text in the .docx, as an author pasting LaTeX would leave it.
 */
import {
  MathFraction,
  MathRadical,
  MathRun,
  MathSubScript,
  MathSubSuperScript,
  MathSuperScript,
} from 'docx';

const SYMBOLS = {
  in: '∈',
  notin: '∉',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  leqslant: '⩽',
  geqslant: '⩾',
  neq: '≠',
  cdot: '⋅',
  cdots: '⋯',
  ldots: '…',
  times: '×',
  div: '÷',
  pm: '±',
  pi: 'π',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  theta: 'θ',
  omega: 'ω',
  rho: 'ρ',
  varphi: 'φ',
  phi: 'φ',
  lambda: 'λ',
  mu: 'μ',
  partial: '∂',
  triangle: '△',
  approx: '≈',
  star: '⋆',
  because: '∵',
  therefore: '∴',
  infty: '∞',
  cap: '∩',
  cup: '∪',
  subseteq: '⊆',
  subset: '⊂',
  emptyset: '∅',
  varnothing: '∅',
  angle: '∠',
  perp: '⊥',
  parallel: '∥',
  rightarrow: '→',
  to: '→',
  Rightarrow: '⇒',
  quad: ' ',
  qquad: ' ',
  ',': ' ',
  ';': ' ',
  '{': '{',
  '}': '}',
  '%': '%',
};
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'log', 'ln', 'lg', 'min', 'max', 'lim', 'exp']);
const PLAIN = new Set(['mathrm', 'text', 'mathbf', 'operatorname', 'mathit']);

function tokenize(latex) {
  return [...latex.matchAll(/\\[A-Za-z]+|\\.|[{}^_[\]]|\s+|[^\\{}^_[\]\s]/g)].map((m) => m[0]);
}

class Unsupported extends Error {}

/** docx math children for a LaTeX formula; throws Unsupported outside the subset. */
export function latexToDocxMath(latex) {
  const tokens = tokenize(latex);
  let i = 0;
  const group = () => {
    if (tokens[i] === '{') {
      i++;
      const items = seq('}');
      i++;
      return items;
    }
    return atom() ?? [];
  };
  const atom = () => {
    const t = tokens[i++];
    if (t === undefined) return null;
    if (/^\s+$/.test(t)) return [];
    if (t === '{') {
      const items = seq('}');
      i++;
      return items;
    }
    if (t === '\\frac' || t === '\\dfrac' || t === '\\tfrac') {
      const numerator = group();
      return [new MathFraction({ numerator, denominator: group() })];
    }
    if (t === '\\sqrt') {
      let degree;
      if (tokens[i] === '[') {
        i++;
        degree = seq(']');
        i++;
      }
      return [new MathRadical({ children: group(), ...(degree ? { degree } : {}) })];
    }
    if (t === '\\left' || t === '\\right') {
      const fence = tokens[i++];
      const ch = fence === '\\{' ? '{' : fence === '\\}' ? '}' : fence === '.' ? '' : fence;
      return ch ? [new MathRun(ch)] : [];
    }
    if (t.startsWith('\\')) {
      const name = t.slice(1);
      if (PLAIN.has(name)) return [new MathRun(rawGroup())];
      if (FUNCTIONS.has(name)) return [new MathRun(name)];
      if (SYMBOLS[name] !== undefined) return [new MathRun(SYMBOLS[name])];
      throw new Unsupported(t);
    }
    if (t === '}' || t === ']' || t === '^' || t === '_') throw new Unsupported(t);
    return [new MathRun(t)];
  };
  /** The text of a {…} group as written (\mathrm{~m} → " m"). */
  const rawGroup = () => {
    if (tokens[i] !== '{') return (tokens[i++] ?? '').replace(/^\\/, '');
    let depth = 0;
    let text = '';
    for (; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === '{' && depth++ === 0) continue;
      if (t === '}' && --depth === 0) break;
      text += t;
    }
    i++;
    if (/\\/.test(text)) throw new Unsupported(text);
    return text.replace(/~/g, ' ');
  };
  const seq = (end) => {
    const out = [];
    while (i < tokens.length && tokens[i] !== end) {
      if (tokens[i] === '^' || tokens[i] === '_') {
        const base = out.pop() ?? new MathRun('');
        const first = tokens[i++];
        const a = group();
        if ((tokens[i] === '^' || tokens[i] === '_') && tokens[i] !== first) {
          i++;
          const b = group();
          const [sub, sup] = first === '_' ? [a, b] : [b, a];
          out.push(new MathSubSuperScript({ children: [base], subScript: sub, superScript: sup }));
        } else if (first === '^')
          out.push(new MathSuperScript({ children: [base], superScript: a }));
        else out.push(new MathSubScript({ children: [base], subScript: a }));
        continue;
      }
      out.push(...(atom() ?? []));
    }
    if (end !== null && tokens[i] !== end) throw new Unsupported(`missing ${end}`);
    return out;
  };
  const items = seq(null);
  if (i < tokens.length) throw new Unsupported('trailing');
  return items;
}

export function isUnsupported(e) {
  return e instanceof Unsupported;
}

const SUPERSCRIPT = {
  0: '⁰',
  1: '¹',
  2: '²',
  3: '³',
  4: '⁴',
  5: '⁵',
  6: '⁶',
  7: '⁷',
  8: '⁸',
  9: '⁹',
  n: 'ⁿ',
  '-': '⁻',
  '+': '⁺',
};

/** A formula as a PDF's text layer would carry it: Unicode where it exists, a/b and ^ otherwise. */
export function latexToText(latex) {
  let s = latex;
  for (let k = 0; k < 4; k++) {
    s = s
      .replace(/\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}/g, (_m, a, b) => `${wrap(a)}/${wrap(b)}`)
      .replace(/\\sqrt\{([^{}]*)\}/g, (_m, a) => `√${wrap(a)}`)
      .replace(
        /\\(?:mathrm|text|mathbf|operatorname|bar|overline|vec|overrightarrow)\{([^{}]*)\}/g,
        '$1',
      );
  }
  return s
    .replace(/\\left|\\right|\\begin\{[a-z*]+\}|\\end\{[a-z*]+\}|\\hline|&/g, '')
    .replace(/\^\{([^{}]*)\}|\^(.)/g, (_m, a, b) => sup(a ?? b))
    .replace(/_\{([^{}]*)\}|_(.)/g, (_m, a, b) => a ?? b)
    .replace(/\\([A-Za-z]+|.)/g, (_m, name) =>
      FUNCTIONS.has(name) ? name : (SYMBOLS[name] ?? name),
    )
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function wrap(a) {
  return /^[\w.]+$/.test(a) ? a : `(${a})`;
}

function sup(a) {
  return [...a].every((c) => SUPERSCRIPT[c])
    ? [...a].map((c) => SUPERSCRIPT[c]).join('')
    : `^(${a})`;
}
