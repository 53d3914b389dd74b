/**
 * Writes exam-papers/recorded-runs/gpt-4-1106-preview-judge.jsonl: GAOKAO-Bench's recorded grading,
 * by GPT-4-1106-preview, of the GPT-4-0314 answers the demo ships (gpt-4-0314.jsonl). Each line is
 * one judgement of one sample-paper question, matched by the question's provenance (dataset file
 * and index) exactly as the recorded answers are; questions the grading does not cover are left out.
 * The importer (backend/src/judging/judge-import.service.ts) records them as judge reads of the
 * recorded judge, template 'gaokao-bench-correction'.
 *
 *   node backend/scripts/build-recorded-judge.mjs [--datasets <dir>]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = process.argv.indexOf('--datasets');
const datasets =
  arg > 0 ? resolve(process.argv[arg + 1]) : resolve(root, '..', 'shared', 'datasets');
const SUB = 'Results/gpt_4_0314_sub/gpt-4-1106-preview_correction_wo_marking_criterion';
const dir = join(datasets, 'GAOKAO-Bench', SUB);
const OUT = join(root, 'exam-papers', 'recorded-runs', 'gpt-4-1106-preview-judge.jsonl');

/** Sample-paper questions from GAOKAO-Bench's subjective files, by `file#index`. */
function questionsByProvenance() {
  const where = new Map();
  for (const name of readdirSync(join(root, 'exam-papers')).filter((n) =>
    n.startsWith('gaokao-20'),
  )) {
    const paper = parse(readFileSync(join(root, 'exam-papers', name, 'paper.yaml'), 'utf8'));
    for (const q of paper.sections.flatMap((s) => s.questions)) {
      const p = q.provenance;
      if (p?.dataset === 'GAOKAO-Bench' && p.file.includes('Subjective_Questions'))
        where.set(`${p.file}#${p.index}`, {
          paper: paper.id,
          question: q.number,
          points: q.points,
          commit: p.commit,
        });
    }
  }
  return where;
}

function main() {
  const where = questionsByProvenance();
  const lines = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const keyword = doc.keyword.replace(/_wo_marking_criterion$/, '');
    for (const e of doc.example) {
      const file = `Data/Subjective_Questions/${keyword}.json`;
      const target = where.get(`${file}#${e.index}`);
      if (!target) continue;
      // `model_correction_score` is a list, one score per sub-question the grader found; the question's points are their sum.
      const raw =
        typeof e.model_correction_score === 'string'
          ? JSON.parse(e.model_correction_score)
          : e.model_correction_score;
      const scores = (Array.isArray(raw) ? raw : [raw]).map(Number);
      lines.push({
        paper: target.paper,
        question: target.question,
        judge: 'GPT-4-1106-preview (GAOKAO-Bench judge)',
        judgeModelId: doc.teacher_model_name ?? 'gpt-4-1106-preview',
        template: 'gaokao-bench-correction',
        answerModel: 'GPT-4-0314 (GAOKAO-Bench)',
        sample: 0,
        scores,
        points: scores.reduce((a, b) => a + b, 0),
        datasetMaxPoints: Number(e.score),
        rationale: e.model_correction,
        provenance: {
          dataset: 'GAOKAO-Bench',
          commit: target.commit,
          file: `${SUB}/${name}`,
          index: Number(e.index),
          questionFile: file,
        },
      });
    }
  }
  lines.sort((a, b) =>
    (a.paper + a.question.padStart(4, '0')).localeCompare(b.paper + b.question.padStart(4, '0')),
  );
  writeFileSync(OUT, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  console.log(`wrote ${lines.length} recorded GPT-4-1106-preview judgements to ${OUT}`);
  console.log(lines.map((l) => `${l.paper} ${l.question}`).join('\n'));
}

main();
