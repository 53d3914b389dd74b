/**
 * Reading JSON Lines (one JSON value per line): the one reader behind every JSONL input (model
 * answers, recorded judgements, batches to grade). Each importer keeps its own checks and wording;
 * this only splits, numbers and parses lines, the same way everywhere. Pure.
 */

/** One non-blank line: its 1-based number and the parsed value, or the error its parser threw. */
export type JsonLine =
  { line: number; ok: true; value: unknown } | { line: number; ok: false; error: unknown };

/**
 * One line of a JSONL text: a byte-order mark on the first line and a Windows line end are how
 * editors save files, not content; a blank line is null. A parse error is returned, not thrown, so
 * a bad line never hides the lines after it. `parse` defaults to JSON.parse (an importer passes
 * its nesting-limited one).
 */
export function readJsonLine(
  raw: string,
  line: number,
  parse: (text: string) => unknown = JSON.parse,
): JsonLine | null {
  const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
  if (!text.trim()) return null;
  try {
    return { line, ok: true, value: parse(text) };
  } catch (error) {
    return { line, ok: false, error };
  }
}

/** Every non-blank line of a JSONL text, in order (LF or CRLF line ends). */
export function readJsonLines(text: string, parse?: (text: string) => unknown): JsonLine[] {
  const out: JsonLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = readJsonLine(raw, i + 1, parse);
    if (l) out.push(l);
  });
  return out;
}

/** A parsed value that is a JSON object (not an array, not null), as importers require of each line. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
