/**
 * The resolution rule of a task in the reader's language. The server records it as a canonical
 * English sentence (marking_tasks.rule, part of the audit of a score); each known shape maps to a
 * message key with its numbers. An unknown sentence is shown as it is.
 */
const RULES: [RegExp, string, string[]][] = [
  [/^a senior arbitrated$/, 'rule.arbitrated', []],
  [/^reported as a problem: a senior decides$/, 'rule.problem', []],
  [/^single marking$/, 'rule.single', []],
  [/^not read yet$/, 'rule.unread', []],
  [/^waiting for the second read$/, 'rule.waitingSecond', []],
  [/^two reads within ([\d.]+): their mean$/, 'rule.twoWithin', ['tol']],
  [/^two reads differ by ([\d.]+) > ([\d.]+): a third read$/, 'rule.third', ['d', 'tol']],
  [
    /^third read within ([\d.]+) of ([\d.]+): mean of the closest pair$/,
    'rule.closestPair',
    ['tol', 'closest'],
  ],
  [/^third read within ([\d.]+) of neither: a senior arbitrates$/, 'rule.arbitrate', ['tol']],
];

export function ruleText(
  rule: string,
  t: (key: string, params: Record<string, string>) => string,
): string {
  for (const [pattern, key, names] of RULES) {
    const m = pattern.exec(rule);
    if (m) return t(key, Object.fromEntries(names.map((n, i) => [n, m[i + 1]])));
  }
  return rule;
}
