/**
 * A catalogue text with its parameters filled in: `{name}` placeholders, and ICU-style plurals
 * `{n, plural, one {# answer} other {# answers}}` chosen by the language's plural rules (`#` is the
 * number, `=0 {…}` an exact match). Chinese texts need no plural forms; English ones do.
 */
export function formatMessage(
  text: string,
  params: Record<string, string | number>,
  lang: string,
): string {
  const plural = /\{(\w+), plural,((?:\s*=?\w+\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
  const withPlurals = text.replace(plural, (_, name: string, branches: string) => {
    const n = Number(params[name]);
    const forms = new Map<string, string>();
    for (const m of branches.matchAll(/(=?\w+)\s*\{((?:[^{}]|\{\w+\})*)\}/g)) forms.set(m[1], m[2]);
    const form =
      forms.get(`=${n}`) ?? forms.get(new Intl.PluralRules(lang).select(n)) ?? forms.get('other');
    return (form ?? '').replace(/#/g, String(params[name] ?? ''));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? `{${k}}`));
}
