/**
 * Word equations (OMML, `m:oMath`) → LaTeX. OMML maps almost one to one onto presentation
 * MathML, so this file does that mapping and leaves MathML → LaTeX (symbols, escaping, fences,
 * matrices) to the maintained `mathml-to-latex`. The npm OMML → MathML converter
 * (omml2mathml) needs a browser DOM and pulls jsdom 9 (2016) into a server; see docs/authoring.md.
 */
import { MathMLToLaTeX } from 'mathml-to-latex';

/** The few DOM members read here; @xmldom/xmldom's nodes have them. */
export interface XmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;

function children(n: XmlNode, name?: string): XmlNode[] {
  return Array.from(n.childNodes).filter(
    (c) => c.nodeType === ELEMENT && (!name || c.nodeName === name),
  );
}

function child(n: XmlNode, name: string): XmlNode | undefined {
  return children(n, name)[0];
}

/** `m:val` of a property element (`m:chr`, `m:begChr`…) inside `m:xxxPr`, or undefined. */
function prop(n: XmlNode, pr: string, name: string): string | undefined {
  const p = child(n, pr);
  const el = p && child(p, name);
  const v = el?.getAttribute?.('m:val');
  return v === null ? undefined : v;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const mo = (s: string) => (s ? `<mo>${esc(s)}</mo>` : '');
const row = (n: XmlNode | undefined) => `<mrow>${n ? inner(n) : ''}</mrow>`;
const FUNCTIONS =
  'sin|cos|tan|cot|sec|csc|arcsin|arccos|arctan|sinh|cosh|tanh|log|ln|lg|exp|lim|max|min|sup|inf|det|gcd';

/** Text of a math run as MathML tokens: numbers, letters (one identifier each), CJK text, operators. */
function tokens(text: string, isFunctionName: boolean): string {
  if (isFunctionName || new RegExp(`^(${FUNCTIONS})$`).test(text)) return `<mi>${esc(text)}</mi>`;
  let out = '';
  // "sinC" typed in one run is sin C: a function name not followed by a lower-case letter.
  const re = new RegExp(
    String.raw`(?:${FUNCTIONS})(?![a-z])|(\d+(?:\.\d+)?)|([A-Za-z\u0370-\u03ff])|([\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+)|(\s+)|(.)`,
    'gu',
  );
  for (const m of text.matchAll(re)) {
    if (!m[1] && !m[2] && !m[3] && !m[4] && !m[5]) out += `<mi>${m[0]}</mi>`;
    else if (m[1]) out += `<mn>${m[1]}</mn>`;
    else if (m[2]) out += `<mi>${esc(m[2])}</mi>`;
    else if (m[3]) out += `<mtext>${esc(m[3])}</mtext>`;
    else if (m[5]) out += mo(m[5]);
  }
  return out;
}

/** Runs side by side are one text ("1" "0" → 10): Word splits runs wherever formatting changed. */
function inner(n: XmlNode, inFunctionName = false): string {
  let out = '';
  let text = '';
  const flush = () => {
    if (text) out += tokens(text, inFunctionName);
    text = '';
  };
  for (const c of children(n)) {
    if (c.nodeName === 'm:r' || c.nodeName === 'w:r') text += runText(c);
    else {
      flush();
      out += convert(c, inFunctionName);
    }
  }
  flush();
  return out;
}

function runText(n: XmlNode): string {
  return children(n, n.nodeName === 'm:r' ? 'm:t' : 'w:t')
    .map((t) => t.textContent ?? '')
    .join('');
}

const ACCENTS: Record<string, string> = {
  '\u0302': '\\hat',
  '\u0303': '\\tilde',
  '\u0307': '\\dot',
  '\u20d7': '\\vec',
  '\u0304': '\\bar',
  '\u0305': '\\overline',
};

/**
 * LaTeX written here directly for what mathml-to-latex renders poorly (vectors, limits, cases):
 * the MathML carries a placeholder identifier, replaced after conversion.
 */
let raw: string[] = [];
function passThrough(latex: string): string {
  raw.push(latex);
  return `<mi>QQRAW${raw.length - 1}QQ</mi>`;
}
function latexOf(mathml: string): string {
  return MathMLToLaTeX.convert(`<math>${mathml}</math>`).trim();
}

function nary(n: XmlNode): string {
  const chr = prop(n, 'm:naryPr', 'm:chr') ?? '∫';
  const hideSub =
    prop(n, 'm:naryPr', 'm:subHide') === '1' || prop(n, 'm:naryPr', 'm:subHide') === 'on';
  const hideSup =
    prop(n, 'm:naryPr', 'm:supHide') === '1' || prop(n, 'm:naryPr', 'm:supHide') === 'on';
  const under = chr === '∑' || chr === '∏' || chr === '⋃' || chr === '⋂';
  const [two, lower, upper] = under
    ? ['munderover', 'munder', 'mover']
    : ['msubsup', 'msub', 'msup'];
  const op = mo(chr);
  const sub = row(child(n, 'm:sub'));
  const sup = row(child(n, 'm:sup'));
  const base =
    hideSub && hideSup
      ? op
      : hideSub
        ? `<${upper}>${op}${sup}</${upper}>`
        : hideSup
          ? `<${lower}>${op}${sub}</${lower}>`
          : `<${two}>${op}${sub}${sup}</${two}>`;
  return `${base}${row(child(n, 'm:e'))}`;
}

function delimiter(n: XmlNode): string {
  const beg = prop(n, 'm:dPr', 'm:begChr') ?? '(';
  const end = prop(n, 'm:dPr', 'm:endChr') ?? ')';
  const sep = prop(n, 'm:dPr', 'm:sepChr') ?? '|';
  const parts = children(n, 'm:e').map((e) => row(e));
  const only = children(n, 'm:e');
  const arr = only.length === 1 ? child(only[0], 'm:eqArr') : undefined;
  if (beg === '{' && end === '' && arr) {
    // A brace on the left of an equation array is a piecewise definition (分段函数).
    const rows = children(arr, 'm:e').map((e) => latexOf(row(e)));
    return passThrough(`\\begin{cases}${rows.join(' \\\\ ')}\\end{cases}`);
  }
  return `<mrow>${mo(beg)}${parts.join(mo(sep))}${mo(end)}</mrow>`;
}

function convert(n: XmlNode, inFunctionName: boolean): string {
  switch (n.nodeName) {
    case 'm:r':
    case 'w:r':
      return tokens(runText(n), inFunctionName);
    case 'm:f':
      return prop(n, 'm:fPr', 'm:type') === 'lin'
        ? `<mrow>${row(child(n, 'm:num'))}${mo('/')}${row(child(n, 'm:den'))}</mrow>`
        : `<mfrac>${row(child(n, 'm:num'))}${row(child(n, 'm:den'))}</mfrac>`;
    case 'm:sSup':
      return `<msup>${row(child(n, 'm:e'))}${row(child(n, 'm:sup'))}</msup>`;
    case 'm:sSub':
      return `<msub>${row(child(n, 'm:e'))}${row(child(n, 'm:sub'))}</msub>`;
    case 'm:sSubSup':
      return `<msubsup>${row(child(n, 'm:e'))}${row(child(n, 'm:sub'))}${row(child(n, 'm:sup'))}</msubsup>`;
    case 'm:sPre':
      return `<msubsup><mrow></mrow>${row(child(n, 'm:sub'))}${row(child(n, 'm:sup'))}</msubsup>${row(child(n, 'm:e'))}`;
    case 'm:rad': {
      const hidden = ['1', 'on', 'true'].includes(prop(n, 'm:radPr', 'm:degHide') ?? '');
      const deg = child(n, 'm:deg');
      const hasDegree = !hidden && deg && (deg.textContent ?? '').trim() !== '';
      return hasDegree
        ? `<mroot>${row(child(n, 'm:e'))}${row(deg)}</mroot>`
        : `<msqrt>${row(child(n, 'm:e'))}</msqrt>`;
    }
    case 'm:d':
      return delimiter(n);
    case 'm:nary':
      return nary(n);
    case 'm:func':
      return `<mrow>${convertFunctionName(child(n, 'm:fName'))}${row(child(n, 'm:e'))}</mrow>`;
    case 'm:limLow':
      if ((child(n, 'm:e')?.textContent ?? '').trim() === 'lim')
        return passThrough(`\\lim_{${latexOf(row(child(n, 'm:lim')))}}`);
      return `<munder>${row(child(n, 'm:e'))}${row(child(n, 'm:lim'))}</munder>`;
    case 'm:limUpp':
      return `<mover>${row(child(n, 'm:e'))}${row(child(n, 'm:lim'))}</mover>`;
    case 'm:acc': {
      const chr = prop(n, 'm:accPr', 'm:chr') ?? '\u0302';
      const command = ACCENTS[chr];
      if (command) return passThrough(`${command}{${latexOf(row(child(n, 'm:e')))}}`);
      return `<mover accent="true">${row(child(n, 'm:e'))}${mo(chr)}</mover>`;
    }
    case 'm:bar':
      return prop(n, 'm:barPr', 'm:pos') === 'top'
        ? passThrough(`\\overline{${latexOf(row(child(n, 'm:e')))}}`)
        : passThrough(`\\underline{${latexOf(row(child(n, 'm:e')))}}`);
    case 'm:groupChr': {
      const chr = prop(n, 'm:groupChrPr', 'm:chr') ?? '⏟';
      const top = prop(n, 'm:groupChrPr', 'm:pos') === 'top';
      return top
        ? `<mover>${row(child(n, 'm:e'))}${mo(chr)}</mover>`
        : `<munder>${row(child(n, 'm:e'))}${mo(chr)}</munder>`;
    }
    case 'm:eqArr':
      return `<mtable>${children(n, 'm:e')
        .map((e) => `<mtr><mtd>${row(e)}</mtd></mtr>`)
        .join('')}</mtable>`;
    case 'm:m':
      return `<mrow>${mo('(')}<mtable>${children(n, 'm:mr')
        .map(
          (r) =>
            `<mtr>${children(r, 'm:e')
              .map((e) => `<mtd>${row(e)}</mtd>`)
              .join('')}</mtr>`,
        )
        .join('')}</mtable>${mo(')')}</mrow>`;
    case 'm:oMath':
    case 'm:e':
    case 'm:box':
    case 'm:borderBox':
    case 'm:num':
    case 'm:den':
    case 'm:sub':
    case 'm:sup':
    case 'm:lim':
    case 'm:deg':
      return row(n);
    default:
      // Property elements (m:fPr, m:ctrlPr, w:rPr…) say how to draw, not what is drawn.
      return n.nodeName.endsWith('Pr') ? '' : inner(n, inFunctionName);
  }
}

function convertFunctionName(n: XmlNode | undefined): string {
  if (!n) return '';
  return `<mrow>${inner(n, true)}</mrow>`;
}

/**
 * One `m:oMath` (or `m:oMathPara`) element as LaTeX, without the dollars; throws when the
 * converter cannot read it (the caller keeps the equation's plain text and flags it).
 */
export function ommlToLatex(node: XmlNode): string {
  const maths = node.nodeName === 'm:oMathPara' ? children(node, 'm:oMath') : [node];
  raw = [];
  const latex = maths.map((m) => latexOf(convert(m, false)));
  const restore = (s: string): string =>
    s.replace(/QQRAW(\d+)QQ/g, (_m, i: string) => restore(raw[Number(i)]));
  return restore(latex.join(' \\\\ '))
    .replace(new RegExp(String.raw`(?<![\\A-Za-z])(${FUNCTIONS})(?![A-Za-z])`, 'g'), '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
}
