import { fail, firstSentence, Parsed } from './parse';
import { TraceStep } from './types';

/**
 * Option letters out of an answer region (eval-anchors §3.2–3.3). The letters are read from the
 * sentence that states the answer only; letters named to be ruled out ("not A", "A is
 * incorrect", "不是A") are not chosen; a region that hedges between options ("A或C", "A, or
 * possibly C", "It might also be C") is not one answer.
 */

type Option = { label: string; text?: string };

const LEADING = /^[\s([{（【<"'“‘:：]+/;
// "选项B、D", "Option C", "options A and C": the word names what follows, it is not part of it.
const PREFIX = /^(?:正确的?)?(?:选项|选|options?\b|choices?\b)\s*[:：]?\s*/i;
// A letter standing alone: not part of a word ("Answer", "Let's", "N/A") and not an English article.
const STANDALONE = /(?<![A-Za-z'’]|[A-Za-z]\/)([A-Z])(?!\/[A-Za-z]|[A-Za-z'’])/g;
const LONE_LETTER = /^([A-Z])[\s)）\]】。.,，;；!！]*$/;

// "A good guess" and "I think" use the letters as words; "A or B" and "A is right" name options.
const NOT_AFTER_ARTICLE =
  /^\s+(?:or|and|nor|is|are|was|were|to|vs|seems|looks|should|would|could|might|must|can|will|has|because|correct|right|wrong|also|too)\b/;

function isArticle(r: string, index: number): boolean {
  const letter = r[index];
  const rest = r.slice(index + 1);
  return (
    (letter === 'A' || letter === 'I') && /^\s+[a-z]/.test(rest) && !NOT_AFTER_ARTICLE.test(rest)
  );
}

const LIST = String.raw`(?:选项|options?\s+)?[(（]?[A-Z][)）]?(?:\s*(?:、|和|与|及|\band\b|\bor\b|&|/|,(?=\s*(?:and\s+|or\s+)?[(（]?[A-Z](?![A-Za-z])))\s*(?:选项|option\s+)?[(（]?[A-Z][)）]?)*`;
const NEG_AFTER = String.raw`(?:\s*(?:选项|项)?\s*(?:也|亦|同样|都|均|也都|显然)?\s*(?:是)?\s*(?:错误|不正确|错的|错|不对|不符合|不符|不成立|不合题意|被?排除|可排除)|\s+(?:are|is|was|were)\s+(?:all\s+|also\s+|both\s+|clearly\s+)?(?:incorrect|wrong|false|invalid|not\s+(?:correct|right|true|the answer|supported)|ruled out|eliminated)|\s+(?:can|could)(?:\s+be|'t be|not be)\s+(?:ruled out|eliminated)|\s+(?:do|does|did)(?:\s+not|n't)\s+(?:fit|apply|match|work|hold))`;
const NEG_BEFORE = String.raw`(?:\bnot\b|n't\b|不是|并非|而非|而不是|\brather than\b|\binstead of\b|\bexcept(?: for)?\b|\bexcluding\b|\bruling out\b|排除(?:了)?|不(?:应|能|可|会)?选(?:择)?)\s*(?:the\s+)?(?:answer\s+)?`;
const NEGATIONS = new RegExp(
  `(?<![A-Za-z])(?:${LIST})(?=${NEG_AFTER})|${NEG_BEFORE}(?:${LIST})(?![A-Za-z])`,
  'g',
);

/** Positions of the letters that the region names only to rule them out. */
// Words without which no letter is ruled out: most answers have none, and the full pattern is costly.
const NEGATION_CUE =
  /not|n't|rather|instead|except|exclud|ruling|ruled|eliminat|wrong|incorrect|false|invalid|不|非|错|排除/i;

function negatedPositions(r: string): Set<number> {
  const out = new Set<number>();
  if (!NEGATION_CUE.test(r)) return out;
  for (const m of r.matchAll(NEGATIONS))
    for (const l of m[0].matchAll(STANDALONE)) out.add(m.index! + l.index!);
  return out;
}

// Words that offer a second answer instead of committing to one.
const ALTERNATIVE =
  /\bor\b|\beither\b|\bpossibly\b|\bperhaps\b|\bmaybe\b|\bmight\b|\bcould\b|\bprobably\b|或|可能|也许|或许|也可以|还是/i;
// A hedge after the answer that names another option ("It might also be C", "C也有可能").
const HEDGE = new RegExp(
  [
    String.raw`\b(?:might|may|could)\s+(?:also\s+|just as well\s+)?be\s+(?:option\s+)?[(（]?([A-Z])(?![A-Za-z])`,
    String.raw`\b[Oo]r\s+(?:possibly|perhaps|maybe)?\s*(?:option\s+)?[(（]?([A-Z])(?![A-Za-z])`,
    String.raw`(?<![A-Za-z])(?:option\s+)?[(（]?([A-Z])[)）]?\s+(?:is|could be|might be|may be|would be)\s+(?:also|equally|just as)\s+(?:possible|correct|right|plausible|valid|likely|acceptable)`,
    String.raw`(?<![A-Za-z])(?:option\s+)?[(（]?([A-Z])[)）]?\s+(?:could|might|may)\s+also\s+(?:be\s+)?(?:correct|right|possible|work|valid|the answer)`,
    String.raw`(?:也|或者?|亦)(?:有)?(?:可能|可以)(?:是|选)?\s*[(（]?([A-Z])(?![A-Za-z])`,
    String.raw`(?:或许|也许|可能)(?:是|选|为)\s*[(（]?([A-Z])(?![A-Za-z])`,
    String.raw`(?<![A-Za-z])[(（]?([A-Z])[)）]?(?:选项)?(?:也|同样|亦)(?:有)?(?:可能|可以|对|正确|成立|说得通|合理)`,
  ].join('|'),
  // Case-sensitive: "or a trip" is not "or A".
  'g',
);

/** Letters other than `chosen` that the text offers as a possible answer. */
const HEDGE_CUE = /might|may|could|\bor\b|也|或|亦|同样|可能|也许|或许/i;

export function hedgedLetters(text: string, legal: Set<string>, chosen: string): string[] {
  const out = new Set<string>();
  if (!HEDGE_CUE.test(text)) return [];
  for (const m of text.matchAll(HEDGE)) {
    const l = m
      .slice(1)
      .find((x) => x)!
      .toUpperCase();
    // A hedge towards an option that does not exist is still a hedge; "I" is the pronoun.
    if ((legal.has(l) || l !== 'I') && !chosen.includes(l) && !negatedPositions(m[0]).size)
      out.add(l);
  }
  return [...out].sort();
}

// "A. 北京 B. 上海 …" repeats the options (labels followed by their text): no letter there is a choice.
const LISTING = /(?:^|[\s;；,，])[(（]?([A-Z])\s*[.．:：)）]\s*[^\s(（A-Z.．,，、;；)）]/g;
function isOptionListing(r: string, legal: Set<string>): boolean {
  return new Set([...r.matchAll(LISTING)].map((m) => m[1]).filter((l) => legal.has(l))).size >= 2;
}

const squash = (s: string) => s.replace(/[\s。.,，、;；:：!！?？"'“”‘’()（）]/g, '').toLowerCase();

function sentenceOf(region: string): { r: string; notes: TraceStep[]; dropped: string } {
  const r = region.replace(LEADING, '').replace(PREFIX, '').replace(LEADING, '');
  const { kept, dropped } = firstSentence(r);
  const notes: TraceStep[] =
    dropped && kept
      ? [{ code: 'read.sentence-end', params: { kept, dropped: dropped.slice(0, 40) } }]
      : [];
  return { r: kept || r, notes, dropped: kept ? dropped : '' };
}

/** The option whose own text the region is, or names uniquely; an exact full text wins over options that are part of it. */
function byOptionText(r: string, options: Option[]): Parsed<string> | null {
  const target = squash(r);
  const withText = options.filter((o) => o.text && squash(o.text).length >= 2);
  const exact = withText.filter((o) => squash(o.text!) === target);
  if (exact.length === 1) return { ok: true, value: exact[0].label, via: 'option-text' };
  const hits = withText.filter((o) => target.includes(squash(o.text!)));
  if (hits.length === 1) return { ok: true, value: hits[0].label, via: 'option-text' };
  if (hits.length > 1)
    return fail('invalid', 'unparsed.text-matches-several', {
      options: hits.map((o) => o.label).join(', '),
    });
  return null;
}

/** One option letter; the option's own text is mapped back when it matches exactly one option. */
export function parseSingle(
  region: string,
  options: Option[],
  opts: { isLastLine?: boolean; after?: string } = {},
): Parsed<string> {
  const legal = new Set(options.map((o) => o.label));
  const whole = region.replace(LEADING, '').replace(PREFIX, '');
  const lone = LONE_LETTER.exec(whole);
  const parsed =
    lone && legal.has(lone[1])
      ? { ok: true as const, value: lone[1], dropped: '' } // the common case, "B" or "(B)。", read directly
      : readSingle(region, options, legal, !!opts.isLastLine);
  if (!parsed.ok) return parsed;
  const hedged = hedgedLetters(`${parsed.dropped ?? ''}\n${opts.after ?? ''}`, legal, parsed.value);
  if (hedged.length)
    return fail('ambiguous', 'unparsed.alternatives', {
      letters: [parsed.value, ...hedged].sort().join(', '),
    });
  return { ok: true, value: parsed.value, via: parsed.via, notes: parsed.notes };
}

function readSingle(
  region: string,
  options: Option[],
  legal: Set<string>,
  isLastLine: boolean,
): Parsed<string> & { dropped?: string } {
  const full = region.replace(LEADING, '').replace(PREFIX, '');
  const text = byOptionText(full, options);
  if (text?.ok && squash(full) === squash(options.find((o) => o.label === text.value)!.text!))
    return text;
  if (isOptionListing(full, legal)) return fail('invalid', 'unparsed.option-listing');
  const { r, notes, dropped } = sentenceOf(region);
  const negated = negatedPositions(r);
  const named = [...r.matchAll(STANDALONE)].filter(
    (m) => legal.has(m[1]) && !isArticle(r, m.index!),
  );
  const chosen = [...new Set(named.filter((m) => !negated.has(m.index!)).map((m) => m[1]))];
  const ruledOut = [...new Set(named.filter((m) => negated.has(m.index!)).map((m) => m[1]))].sort();
  const ok = (value: string, via?: string): Parsed<string> & { dropped: string } => ({
    ok: true,
    value,
    via,
    dropped,
    notes: ruledOut.length
      ? [...notes, { code: 'read.ruled-out', params: { letters: ruledOut.join(', ') } }]
      : notes,
  });
  // A hedge between options is one even when one of them does not exist ("D或C" on a three-option item).
  const offered = [
    ...new Set([...chosen, ...named.filter((m) => !legal.has(m[1])).map((m) => m[1])]),
  ];
  const others = [...r.matchAll(STANDALONE)]
    .filter((m) => !legal.has(m[1]) && !isArticle(r, m.index!) && !negated.has(m.index!))
    .map((m) => m[1]);
  if (new Set([...offered, ...others]).size > 1 && ALTERNATIVE.test(r))
    return fail('ambiguous', 'unparsed.alternatives', {
      letters: [...new Set([...offered, ...others])].sort().join(', '),
    });
  // "B/C" offers two options; "N/A" offers none.
  const slashed = /(?<![A-Za-z])([A-Z])\s*\/\s*([A-Z])(?![A-Za-z])/.exec(r);
  if (slashed && !/^N\/A$/i.test(slashed[0].replace(/\s/g, '')))
    return fail('ambiguous', 'unparsed.alternatives', { letters: `${slashed[1]}, ${slashed[2]}` });
  // Several letters listed where one belongs ("B, C") is an answer, and a wrong one: a teacher gives 0.
  const listed = parseMulti(r, options);
  if (!isLastLine && listed.ok && listed.value.length > 1 && !ruledOut.length)
    return ok(listed.value, 'several-options');
  if (chosen.length >= 3)
    return fail('invalid', 'unparsed.names-options', { letters: chosen.sort().join(', ') });
  const first = /^[(（]?([A-Z])(?![A-Za-z'’])/.exec(r);
  if (
    !isLastLine &&
    first &&
    !isArticle(r, r.indexOf(first[1])) &&
    !negated.has(r.indexOf(first[1]))
  ) {
    if (!legal.has(first[1]))
      return fail('invalid', 'unparsed.illegal-option', { letters: first[1] });
    return ok(first[1]);
  }
  if (chosen.length === 1) return ok(chosen[0]);
  if (chosen.length > 1)
    return fail('ambiguous', 'unparsed.several-named', { letters: chosen.sort().join(', ') });
  if (text) return text.ok ? ok(text.value, text.via) : text;
  if (ruledOut.length) return fail('negated', 'unparsed.negated', { letters: ruledOut.join(', ') });
  return fail('none', 'unparsed.no-letter');
}

/**
 * A set of option letters, with any separators ("ACD", "A、C、D", "A, C and D"), from the
 * sentence that states the answer. The letters must come first; a letter that is not an option
 * is an error, never silently dropped.
 */
export function parseMulti(
  region: string,
  options: Option[],
  opts: { after?: string } = {},
): Parsed<string> {
  const legal = new Set(options.map((o) => o.label));
  if (isOptionListing(region.replace(LEADING, ''), legal))
    return fail('invalid', 'unparsed.option-listing');
  const { r, notes, dropped } = sentenceOf(region);
  const negated = negatedPositions(r);
  const letters: string[] = [];
  let i = 0;
  for (const m of r.matchAll(/[^\s、,，;；&/]+/g)) {
    // Tokens between separators; "和", "及", "与", "and" also separate.
    const token = m[0];
    if (/^(?:和|及|与|and|&)$/i.test(token)) continue;
    const parts = token.split(/和|及|与/);
    let isDone = false;
    for (const t of parts) {
      const at = m.index! + token.indexOf(t);
      // "D都是正确的" still names D; "The" names nothing; "B不对" rules B out.
      const l = /^[(（]?([A-Z]+)(?![A-Za-z'’])[)）]?/.exec(t.replace(/[。.)）]+$/, ''));
      if (!l || negated.has(at + t.indexOf(l[1]))) {
        isDone = true;
        break;
      }
      letters.push(...l[1]);
      i = at + l[0].length;
      if (l[0] !== t.replace(/[。.]+$/, '')) {
        isDone = true;
        break;
      }
    }
    if (isDone) break;
  }
  if (!letters.length)
    return fail(
      negated.size ? 'negated' : 'none',
      negated.size ? 'unparsed.negated' : 'unparsed.no-letters',
      {},
    );
  const illegal = letters.filter((l) => !legal.has(l));
  if (illegal.length)
    return fail('invalid', 'unparsed.illegal-option', {
      letters: [...new Set(illegal)].join(', '),
    });
  const value = [...new Set(letters)].sort().join('');
  const rest = r.slice(i);
  // "AC或ACD": any further group of option letters after a word of alternative is a second answer.
  const more = [...rest.matchAll(/(?<![A-Za-z'’])[A-Z]+(?![A-Za-z'’])/g)].filter(
    (m) => [...m[0]].every((l) => legal.has(l)) && !negated.has(i + m.index!),
  );
  const hedged = hedgedLetters(`${dropped}\n${opts.after ?? ''}`, legal, value);
  if ((more.length && ALTERNATIVE.test(rest)) || hedged.length)
    return fail('ambiguous', 'unparsed.alternatives', {
      letters: [value, ...more.map((m) => m[0]), ...hedged].join(', '),
    });
  return { ok: true, value, notes };
}
