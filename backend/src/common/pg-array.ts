/**
 * A PostgreSQL array literal for a parameter cast to an array type (`$1::uuid[]`). node-postgres
 * builds the same literal from a JS array, but element by element through generic value handling;
 * a bulk insert of thousands of rows spends measurable time there (docs/benchmarks.md, grading).
 * Strings are always quoted, so empty strings, spaces, commas, braces and the word NULL survive;
 * only `"` and `\` need escaping inside the quotes.
 */
const NEEDS_ESCAPE = /["\\]/;

export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RangeError(`pgArray: ${v} is not a finite number`);
      out += v;
    } else out += '"' + (NEEDS_ESCAPE.test(v) ? v.replace(/["\\]/g, '\\$&') : v) + '"';
  }
  return out + '}';
}
