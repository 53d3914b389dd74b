import { ErrorParams } from './problem';

/**
 * Reading untrusted text files (CSV, JSONL, JSON): strict UTF-8 with a byte-order mark stripped,
 * and JSON with a nesting limit. Pure: no Nest or database imports, so importers and the CLI share it.
 */

/** A problem with a whole input: its code and params say what, `line` (1-based) where, if known. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly params: ErrorParams = {},
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Far deeper than any paper, answer line or result file needs; far shallower than the stack. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 (the decoder drops a leading byte-order mark). Anything else is refused, with the
 * line of the first bad byte and a hint when the bytes read as GBK/GB18030, which is what Excel
 * on Chinese Windows writes for "CSV".
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const line = lenient.slice(0, lenient.indexOf('\uFFFD')).split('\n').length;
    const isGbk = looksLikeGb18030(bytes);
    throw new InputError(
      `is not UTF-8 text (first bad byte on line ${line})${isGbk ? '; it looks like GBK/GB18030' : ''}: save it as UTF-8 (Excel: "CSV UTF-8") and upload it again`,
      'input.not_utf8',
      { line, looksLike: isGbk ? 'gb18030' : null },
      line,
    );
  }
}

/** True when the bytes are valid GB18030 and hold Chinese characters, the usual non-UTF-8 case. */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    return /\p{Script=Han}/u.test(new TextDecoder('gb18030', { fatal: true }).decode(bytes));
  } catch {
    return false;
  }
}

/**
 * How deep `[` and `{` nest in JSON text, counted outside strings. A scan instead of a recursive
 * walk, so a hostile file cannot exhaust the stack while being measured; it stops past `limit`.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * JSON.parse with a nesting limit. V8's parser itself copes with deep nesting, but everything
 * after it (validation, hashing, JSON.stringify, PostgreSQL's jsonb) recurses and would overflow.
 */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) {
    throw new InputError(`nests deeper than ${maxDepth} levels of [ and {`, 'input.json_too_deep', {
      maxDepth,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, 'input.json_syntax', {
      detail: (e as Error).message,
    });
  }
}

/** Characters PostgreSQL text cannot hold (NUL) or that no answer or identifier should contain. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
