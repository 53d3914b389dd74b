/**
 * Word's automatic numbering written out as text. Many papers number their questions (1．), options
 * (A．) or sections (一、) with list numbering, which exists only in `word/numbering.xml`; mammoth
 * turns such paragraphs into <ol> items and the numbers are lost. Here each numbered paragraph
 * gets its number, formatted as Word would print it, as a leading run, and loses its list
 * properties. Numbering that comes from a paragraph style is not followed (docs/authoring.md).
 */
import type { DomEl } from './docx-dom';

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
}

const attr = (el: DomEl | undefined, name: string) => el?.getAttribute(name) ?? undefined;
const first = (el: DomEl, name: string): DomEl | undefined => el.getElementsByTagName(name)[0];
const direct = (el: DomEl, name: string): DomEl[] =>
  Array.from(el.childNodes).filter((c): c is DomEl => c.nodeType === 1 && c.nodeName === name);

interface Definitions {
  abstract: Map<string, Map<number, Level>>;
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
}

/** The abstract list definitions (levels, formats) and the concrete lists that use them. */
function readDefinitions(numbering: DomEl): Definitions {
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of direct(numbering, 'w:abstractNum')) {
    const levels = new Map<number, Level>();
    for (const l of direct(a, 'w:lvl')) {
      levels.set(Number(attr(l, 'w:ilvl') ?? 0), {
        start: Number(attr(first(l, 'w:start'), 'w:val') ?? 1),
        format: attr(first(l, 'w:numFmt'), 'w:val') ?? 'decimal',
        text: attr(first(l, 'w:lvlText'), 'w:val') ?? '',
        suffix: attr(first(l, 'w:suff'), 'w:val') ?? 'tab',
      });
    }
    abstract.set(attr(a, 'w:abstractNumId') ?? '', levels);
  }
  const nums: Definitions['nums'] = new Map();
  for (const n of direct(numbering, 'w:num')) {
    const starts = new Map<number, number>();
    for (const o of direct(n, 'w:lvlOverride')) {
      const s = attr(first(o, 'w:startOverride'), 'w:val');
      if (s !== undefined) starts.set(Number(attr(o, 'w:ilvl') ?? 0), Number(s));
    }
    nums.set(attr(n, 'w:numId') ?? '', {
      abstractId: attr(first(n, 'w:abstractNumId'), 'w:val') ?? '',
      starts,
    });
  }
  return { abstract, nums };
}

/** Numbers every numbered paragraph of `body` in place, from the parsed numbering part. */
export function writeOutNumbering(body: DomEl, numbering: DomEl | undefined): void {
  if (!numbering) return;
  const { abstract, nums } = readDefinitions(numbering);
  // Lists sharing an abstract definition share their counters, as in Word, unless a num restarts.
  const counters = new Map<string, number[]>();
  const restarted = new Set<string>();
  for (const p of Array.from(body.getElementsByTagName('w:p'))) {
    const pPr = direct(p, 'w:pPr')[0];
    const numPr = pPr && direct(pPr, 'w:numPr')[0];
    if (!numPr) continue;
    const numId = attr(first(numPr, 'w:numId'), 'w:val') ?? '0';
    const ilvl = Number(attr(first(numPr, 'w:ilvl'), 'w:val') ?? 0);
    pPr.removeChild(numPr);
    const num = nums.get(numId);
    const levels = num && abstract.get(num.abstractId);
    if (!num || !levels || numId === '0') continue;
    const count = counters.get(num.abstractId) ?? [];
    if (!restarted.has(numId) && num.starts.size) {
      for (const [l, s] of num.starts) count[l] = s - 1;
      restarted.add(numId);
    }
    count[ilvl] = (count[ilvl] ?? (levels.get(ilvl)?.start ?? 1) - 1) + 1;
    count.length = ilvl + 1;
    counters.set(num.abstractId, count);
    const level = levels.get(ilvl);
    if (!level || level.format === 'bullet' || level.format === 'none') continue;
    const label = level.text.replace(/%(\d)/g, (_m, k: string) => {
      const i = Number(k) - 1;
      return formatNumber(
        count[i] ?? levels.get(i)?.start ?? 1,
        levels.get(i)?.format ?? 'decimal',
      );
    });
    prependText(p, pPr, label + (level.suffix === 'nothing' ? '' : ' '));
  }
}

const CHINESE = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chinese(n: number): string {
  if (n < 10) return CHINESE[n];
  if (n < 20) return `十${n % 10 ? CHINESE[n % 10] : ''}`;
  if (n < 100) return `${CHINESE[Math.floor(n / 10)]}十${n % 10 ? CHINESE[n % 10] : ''}`;
  return String(n);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) for (; n >= v; n -= v) out += s;
  return out;
}

/** A counter in one of Word's number formats (ST_NumberFormat). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'ideographTraditional':
    case 'japaneseCounting':
      return chinese(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    default:
      return String(n);
  }
}

function prependText(p: DomEl, pPr: DomEl, text: string) {
  const doc = p.ownerDocument;
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const r = doc.createElementNS(W, 'w:r');
  const t = doc.createElementNS(W, 'w:t');
  t.setAttribute('xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text));
  r.appendChild(t);
  const next = pPr.nextSibling;
  if (next) p.insertBefore(r, next);
  else p.appendChild(r);
}
