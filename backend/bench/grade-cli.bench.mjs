#!/usr/bin/env node
/**
 * The batch grader's rate and peak memory by input size (docs/benchmarks.md, Grading). Writes a
 * JSONL file of N lines (a realistic mix: single and multiple choice, true/false, blanks, a
 * composite; reasoning, tags, boxed answers, retractions, hedges, refusals), runs the built CLI
 * on it in its own process and reports lines per second and the process's peak RSS.
 *   npm run build -w backend && node backend/bench/grade-cli.bench.mjs 10000 100000 1000000
 * (BENCH_LIVE_HEAP=1 adds the live heap; GRADE_CLI=<main.js> runs another build, e.g. an older one.)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '../dist/cli/main.js');
const sizes = process.argv.slice(2).map(Number);
if (!sizes.length) sizes.push(10_000, 100_000, 1_000_000);

const opts = ['北京', '上海', '广州', '深圳'].map((text, i) => ({ label: 'ABCD'[i], text }));
const QUESTIONS = [
  { type: 'single_choice', options: opts, key: 'C', points: 5 },
  {
    type: 'multiple_choice',
    options: opts,
    key: 'ACD',
    points: 6,
    policy: { rule: 'subset_fixed', partialPoints: 3 },
  },
  { type: 'true_false', key: false, points: 2 },
  { type: 'fill_blank', key: [['\\frac{1}{2}', '0.5'], '(1,+\\infty)'], points: 8 },
  {
    type: 'composite',
    subQuestions: [
      { number: '1', type: 'single_choice', options: ['A', 'B', 'C', 'D'], key: 'B', points: 2 },
      { number: '2', type: 'true_false', key: true, points: 2 },
    ],
  },
];
const REASONING = '【解析】先分析选项A，再看选项B的条件，C与D可以排除。'.repeat(6);
const TAILS = [
  [
    '【答案】C',
    '<think>A?</think>故选C。',
    '\\boxed{A}. Wait, 再检查一下。Final answer: C',
    '答案：A或C',
    'The answer is C. A is incorrect.',
    '我不确定。',
  ],
  ['【答案】A、C、D', 'The correct options are A and C.', '正确的选项是 **B、D**', '答案：AC或ACD'],
  ['【答案】错误', 'Answer: The statement is false.', '答案：不对', '<think>判断'],
  [
    '【第1空】50%\n【第2空】\\{x|x>1\\}',
    '第1空：0.5；第2空：(1,+∞)',
    '\\boxed{\\frac{1}{2}} \\boxed{[1,+\\infty)}',
    '第1空：\\log_2 8；第2空：x>1',
  ],
  ['【答案1】B\n【答案2】对', '【答案】B 正确', ''],
];

async function writeInput(path, n) {
  const out = createWriteStream(path);
  for (let i = 0; i < n; i++) {
    const q = i % QUESTIONS.length;
    const tails = TAILS[q];
    const line = JSON.stringify({
      id: i,
      question: QUESTIONS[q],
      response: `${REASONING}\n${tails[(i >> 3) % tails.length]}`,
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const dir = mkdtempSync(join(tmpdir(), 'yj-grade-bench-'));
// Peak RSS of the CLI process itself, reported as it exits. With BENCH_LIVE_HEAP=1 its live heap
// too, measured after a forced collection every two seconds: V8 lets RSS grow lazily with the
// garbage of a long run, the live heap is what is kept (the forced collections lower the peak RSS
// too, so the two are measured in separate runs).
const LIVE = process.env.BENCH_LIVE_HEAP === '1';
const preload = join(dir, 'peak.cjs');
writeFileSync(
  preload,
  `let live = 0;
   ${LIVE ? 'setInterval(() => { global.gc(); live = Math.max(live, process.memoryUsage().heapUsed); }, 2000).unref();' : ''}
   process.on('exit', () => process.stderr.write('PEAK_RSS_KB ' + process.resourceUsage().maxRSS + ' LIVE_HEAP ' + live + '\\n'));\n`,
);
const CLI_PATH = process.env.GRADE_CLI ?? CLI;
// BENCH_NODE_FLAGS="--max-old-space-size=160": run the CLI with a bounded heap, to show it needs no more.
const FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
try {
  console.log(
    '| lines | input MB | seconds | lines/s | peak RSS MB | live heap MB |\n| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const n of sizes) {
    const input = join(dir, `in-${n}.jsonl`);
    const output = join(dir, `out-${n}.jsonl`);
    await writeInput(input, n);
    const started = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [
        ...FLAGS,
        ...(LIVE ? ['--expose-gc'] : []),
        '--require',
        preload,
        CLI_PATH,
        'grade',
        input,
        '--out',
        output,
      ],
      {
        encoding: 'utf8',
      },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`grade exited ${r.status}: ${r.stderr}`);
    const [, peakKb, live] = /PEAK_RSS_KB (\d+) LIVE_HEAP (\d+)/.exec(r.stderr);
    const peak = Number(peakKb) / 1024;
    const mb = (statSync(input).size / 1e6).toFixed(0);
    console.log(
      `| ${n.toLocaleString('en')} | ${mb} | ${seconds.toFixed(2)} | ${Math.round(n / seconds).toLocaleString('en')} | ${peak.toFixed(0)} | ${live === '0' ? '–' : (Number(live) / 1e6).toFixed(0)} |`,
    );
    console.error(r.stderr.split('\n').find((l) => l.startsWith('graded')));
    rmSync(input);
    rmSync(output);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
