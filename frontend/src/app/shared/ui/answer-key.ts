/**
 * An objective key as a person writes it, in Markdown + LaTeX for yj-rich-text: a letter as the
 * letter (never the JSON string `"C"`), √/× for true/false, and blanks numbered with their
 * equivalent answers, formulas typeset. `or` joins equivalent answers in the reader's language.
 */
export function formatKey(key: unknown, or = ' / '): string {
  if (key === null || key === undefined) return '';
  if (typeof key === 'boolean') return key ? '√' : '×';
  if (Array.isArray(key)) {
    // Letters of a multiple-choice key stored as a list read as one word: ACD.
    if (key.every((k) => typeof k === 'string' && /^[A-Z]$/.test(k))) return key.join('');
    return key
      .map((blank, i) => {
        const alternatives = (Array.isArray(blank) ? blank : [blank]).map(asMath);
        return key.length > 1 ? `(${i + 1}) ${alternatives.join(or)}` : alternatives.join(or);
      })
      .join('；');
  }
  return asMath(key);
}

/** A blank's LaTeX (keys are written without dollars) typeset; words and plain numbers as they are. */
function asMath(entry: unknown): string {
  const s = String(entry);
  if (s.includes('$')) return s;
  return /[\\^_{}]/.test(s) ? `$${s}$` : s;
}
