import { createReadStream, createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BatchError, checkLine, gradeLine } from '../grading/domain/batch';

/**
 * `yuejuan grade <in.jsonl> [--out <file>]`: the batch grader, no database. The file is read
 * twice, one line at a time, so memory stays flat whatever its size: first every line is checked
 * (exit 2 on any bad line, nothing written), then each line is graded and written as it is read.
 * With `--out`, results go to a temporary file renamed at the end: a half-written file is never
 * left under the name asked for.
 */

const MAX_REPORTED = 100;

async function* linesOf(path: string): AsyncGenerator<string> {
  const rl = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  yield* rl;
}

/** Pass 1: the errors of the whole file (the first hundred reported, all counted). */
async function checkFile(
  path: string,
): Promise<{ errors: BatchError[]; count: number; gradable: number }> {
  const errors: BatchError[] = [];
  let count = 0;
  let gradable = 0;
  let n = 0;
  for await (const raw of linesOf(path)) {
    const found: BatchError[] = [];
    if (checkLine(raw, ++n, found)) gradable++;
    count += found.length;
    if (errors.length < MAX_REPORTED) errors.push(...found.slice(0, MAX_REPORTED - errors.length));
  }
  if (!gradable && !count)
    return { errors: [{ line: 1, field: '', message: 'no lines to grade' }], count: 1, gradable };
  return { errors, count, gradable };
}

async function write(out: WriteStream | NodeJS.WriteStream, text: string) {
  // Backpressure: wait for the buffer to drain instead of queueing the whole output in memory.
  if (!out.write(text)) await once(out, 'drain');
}

export async function gradeCommand(
  input: string | undefined,
  outPath: string | undefined,
): Promise<number> {
  if (!input) {
    console.error('usage: yuejuan grade <in.jsonl> [--out <file>]');
    return 2;
  }
  const { errors, count } = await checkFile(input);
  if (count) {
    for (const e of errors)
      console.error(`${input}:${e.line}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
    if (count > errors.length) console.error(`… and ${count - errors.length} more`);
    console.error(`${count} problem(s); nothing graded`);
    return 2;
  }
  const partial = outPath ? `${outPath}.partial` : null;
  const out = partial ? createWriteStream(partial) : process.stdout;
  const by: Record<string, number> = {
    correct: 0,
    partial: 0,
    wrong: 0,
    unparsed: 0,
    not_scored: 0,
  };
  let graded = 0;
  let scored = 0;
  let max = 0;
  try {
    let n = 0;
    for await (const raw of linesOf(input)) {
      const line = checkLine(raw, ++n, []);
      if (!line) continue;
      const r = gradeLine(line);
      by[r.status]++;
      graded++;
      scored += r.score ?? 0;
      max += r.maxScore;
      await write(out, `${JSON.stringify(r)}\n`);
    }
    if (partial) {
      (out as WriteStream).end();
      await once(out, 'finish');
      renameSync(partial, outPath!);
    }
  } catch (e) {
    if (partial) rmSync(partial, { force: true });
    throw e;
  }
  console.error(
    `graded ${graded}: ${by.correct} correct, ${by.partial} partial, ${by.wrong} wrong, ${by.unparsed} unparsed; ${Math.round(scored * 100) / 100}/${max} points (${by.not_scored} not scored)`,
  );
  return 0;
}
