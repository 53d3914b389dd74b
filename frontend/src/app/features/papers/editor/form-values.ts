/** An input's text as a number, or undefined when empty (so the field is left out of the bundle). */
export function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function textOrUndefined(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/** Equivalent answers of a blank typed as `0.5 | \frac{1}{2}`: one string, or a list of them. */
export function parseBlank(text: string): string | string[] {
  const parts = text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s);
  return parts.length > 1 ? parts : (parts[0] ?? '');
}

export function formatBlank(key: string | string[] | undefined): string {
  return Array.isArray(key) ? key.join(' | ') : (key ?? '');
}

export function parseTags(text: string): string[] | undefined {
  const tags = text
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter((s) => s);
  return tags.length ? tags : undefined;
}
