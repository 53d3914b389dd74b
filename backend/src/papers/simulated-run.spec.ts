/**
 * The simulated K12 run the demo ships (exam-papers/recorded-runs/simulated/yuejuan-sim-k12.jsonl,
 * written by backend/scripts/build-simulated-run.mjs): every question of every sample paper below
 * grade 12 answered once, every line marked simulated, the file reproducible from its seed, and,
 * graded by the real grader, each paper's accuracy the published aggregate it is calibrated to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { importEsm } from '../common/import-esm';
import { gradeResponse } from '../grading/domain/grade';
import { parseAnswersJsonl } from '../collection/answers-import';

const ROOT = join(__dirname, '../../..');
const FILE = join(ROOT, 'exam-papers/recorded-runs/simulated/yuejuan-sim-k12.jsonl');

interface Question {
  number: string;
  type: string;
  points: number;
  blanks?: number;
  answer: string | string[];
  options?: { label: string; text: string }[];
}
interface Paper {
  id: string;
  grade: number;
  stage: string;
  subject: string;
  source: { name: string };
  sections: { questions: Question[] }[];
}
interface Line {
  paper: string;
  question: string;
  model: string;
  response: string;
  simulated: boolean;
}
interface Simulate {
  MODEL: string;
  SEED: string;
  CALIBRATION: Record<string, { rate: number; cite: string }>;
  buildSimulatedRun(papers: Paper[], seed?: string): Line[];
  wrongNumber(next: () => number, key: string): string;
  rng(seed: string): () => number;
}

const k12: Paper[] = readdirSync(join(ROOT, 'exam-papers'))
  .filter((n) => /^(cmath|e-eval|tal-scq5k)-/.test(n))
  .map((n) => parse(readFileSync(join(ROOT, 'exam-papers', n, 'paper.yaml'), 'utf8')) as Paper);
const questionsOf = (p: Paper) => p.sections.flatMap((s) => s.questions);
const shipped = readFileSync(FILE, 'utf8');
const { lines, errors } = parseAnswersJsonl('yuejuan-sim-k12.jsonl', shipped);

let sim: Simulate;
beforeAll(async () => {
  sim = await importEsm<Simulate>(
    pathToFileURL(join(ROOT, 'backend/scripts/simulated-run/simulate.mjs')).href,
  );
});

describe('the simulated K12 run', () => {
  it('covers the 23 sample papers below grade 12, every question once, and no Gaokao paper', () => {
    expect(errors).toEqual([]);
    expect(k12).toHaveLength(23);
    expect(k12.every((p) => p.grade < 12)).toBe(true);
    for (const p of k12) {
      const answered = lines.filter((l) => l.paper === p.id).map((l) => l.question);
      expect(answered).toEqual(questionsOf(p).map((q) => q.number));
    }
    expect(lines).toHaveLength(k12.reduce((n, p) => n + questionsOf(p).length, 0));
    expect(new Set(lines.map((l) => l.paper))).toEqual(new Set(k12.map((p) => p.id)));
  });

  it('is marked simulated on every line and is not named after a real model', () => {
    expect(lines.every((l) => l.simulated && l.model === 'yuejuan-sim-k12')).toBe(true);
    expect(lines.every((l) => l.response.includes('模拟作答'))).toBe(true);
    expect(sim.MODEL).not.toMatch(/gpt|claude|qwen|llama|glm|ernie|baichuan|yi-|gemini/i);
  });

  it('is reproducible: the same seed writes the shipped file byte for byte, another seed does not', () => {
    const again = sim.buildSimulatedRun([...k12].reverse());
    expect(again.map((l) => JSON.stringify(l)).join('\n') + '\n').toBe(shipped);
    const other = sim.buildSimulatedRun(k12, 'another seed');
    expect(other.map((l) => l.response)).not.toEqual(again.map((l) => l.response));
  });

  it('scores, through the grader, each paper at its published aggregate accuracy (to the nearest question)', () => {
    for (const p of k12) {
      const qs = questionsOf(p);
      let right = 0;
      for (const q of qs) {
        const line = lines.find((l) => l.paper === p.id && l.question === q.number)!;
        const item =
          q.type === 'single_choice'
            ? {
                type: 'single_choice' as const,
                options: q.options,
                key: q.answer as string,
                points: q.points,
              }
            : {
                type: 'fill_blank' as const,
                key: q.answer as string[],
                blanks: q.blanks,
                points: q.points,
              };
        const g = gradeResponse(item, line.response);
        // Every answer is read: a wrong one is wrong, never unreadable.
        expect([p.id, q.number, g.status]).toEqual([
          p.id,
          q.number,
          expect.stringMatching(/^(correct|wrong)$/),
        ]);
        if (g.status === 'correct') right++;
      }
      const rate = sim.CALIBRATION[p.source.name].rate;
      expect([p.id, right]).toEqual([p.id, Math.round(rate * qs.length)]);
    }
    // The calibration figures, as published: CMATH's ≥ 60% floor, E-EVAL's GPT-4 0-shot 70.5.
    expect(sim.CALIBRATION.CMATH.rate).toBe(0.6);
    expect(sim.CALIBRATION['E-EVAL'].rate).toBe(0.705);
  });

  it.each([
    ['9', /^\d+$/],
    ['2/6', /^\d+\/\d+$/],
    ['2.5', /^\d+(\.\d+)?$/],
    ['0.125', /^\d+(\.\d+)?$/],
  ])('a wrong number for key %s is plausible and never equal to it', (key, shape) => {
    const next = sim.rng(`wrong|${key}`);
    for (let i = 0; i < 50; i++) {
      const w = sim.wrongNumber(next, key);
      expect(w).toMatch(shape);
      const g = gradeResponse(
        { type: 'fill_blank', key: [key], blanks: 1, points: 5 },
        `【第1空】${w}`,
      );
      expect([w, g.status]).toEqual([w, 'wrong']);
    }
  });
});
