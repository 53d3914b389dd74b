import { readFileSync, writeFileSync } from 'node:fs';
import { gradeBatch, parseBatch } from '../grading/domain/batch';

/** `yuejuan grade <in.jsonl> [--out <file>]`: the batch grader, no database. Exit 2 on bad input, nothing written. */
export function gradeCommand(input: string | undefined, out: string | undefined): number {
  if (!input) {
    console.error('usage: yuejuan grade <in.jsonl> [--out <file>]');
    return 2;
  }
  const { lines, errors } = parseBatch(readFileSync(input, 'utf8'));
  if (errors.length) {
    for (const e of errors) console.error(`${input}:${e.line}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
    console.error(`${errors.length} problem(s); nothing graded`);
    return 2;
  }
  const results = gradeBatch(lines);
  const text = results.map((r) => JSON.stringify(r)).join('\n') + '\n';
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  const by = (s: string) => results.filter((r) => r.status === s).length;
  const scored = results.reduce((a, r) => a + (r.score ?? 0), 0);
  const max = results.reduce((a, r) => a + r.maxScore, 0);
  console.error(
    `graded ${results.length}: ${by('correct')} correct, ${by('partial')} partial, ${by('wrong')} wrong, ${by('unparsed')} unparsed; ${scored}/${max} points`,
  );
  return 0;
}
