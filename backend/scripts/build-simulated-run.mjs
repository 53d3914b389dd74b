/**
 * Writes exam-papers/recorded-runs/simulated/yuejuan-sim-k12.jsonl: the simulated answers (模拟作答)
 * to every sample paper below grade 12 (CMATH, E-EVAL, TAL-SCQ5K), so the demo report spans grades
 * 1–12. Run by hand after `npm run samples`; the output is committed. The answers are drawn from a
 * fixed seed at published aggregate accuracies (simulated-run/simulate.mjs): they are not a model's.
 *
 *   node backend/scripts/build-simulated-run.mjs
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildSimulatedRun, CALIBRATION, MODEL } from './simulated-run/simulate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(root, 'exam-papers', 'recorded-runs', 'simulated', `${MODEL}.jsonl`);

/** The K12 samples below grade 12: every paper whose source has a calibration (not the Gaokao ones). */
const papers = readdirSync(join(root, 'exam-papers'))
  .filter((name) => /^(cmath|e-eval|tal-scq5k)-/.test(name))
  .map((name) => parse(readFileSync(join(root, 'exam-papers', name, 'paper.yaml'), 'utf8')))
  .filter((p) => CALIBRATION[p.source?.name] && p.grade < 12);

const lines = buildSimulatedRun(papers);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.log(`wrote ${lines.length} simulated answers to ${papers.length} papers: ${OUT}`);
