/**
 * The simulated K12 run (模拟作答), pure: paper documents in, answer lines out, from a fixed seed.
 * No public dataset has a model's answers to the demo's papers below grade 12, so these answers are
 * drawn, not written: on each paper a fixed share of the questions, set by a published aggregate
 * accuracy (CALIBRATION), is answered with the key, the rest with a wrong option or a plausible wrong
 * number. The figures they produce are the calibration's, never a model's; every line says
 * `"simulated": true`, which the importer records on the model (ai_models.is_simulated).
 */

export const MODEL = 'yuejuan-sim-k12';
export const SEED = 'yuejuan-sim-k12/v1';

/**
 * The accuracy each source's papers are answered at, with where the figure is published. Only
 * aggregates are published, so every paper of one source gets the same rate: differences between
 * subjects or stages in the simulated run come from the papers' sizes (rounding), not from a model.
 */
export const CALIBRATION = {
  CMATH: {
    rate: 0.6,
    cite:
      'CMATH README (XiaoMi/cmath @ 9fa13ef): GPT-4 is the only model with accuracy ≥ 60% on all six grades ' +
      '("只有GPT-4能通过所有六个年级的数学考试(准确率>=60%)"); the per-grade figures are only in a plot, so the stated floor is used',
  },
  'E-EVAL': {
    rate: 0.705,
    cite: 'E-EVAL README leaderboard (AI-EDU-LAB/E-EVAL @ 8351bd4): GPT-4, 0-shot answer-only, 70.5 (overall; no per-subject figure in the README)',
  },
  'TAL-SCQ5K-CN': {
    rate: 0.705,
    cite:
      "TAL-SCQ5K publishes no GPT-4 accuracy (math-eval/TAL-SCQ5K @ 8a66d6e README): E-EVAL's GPT-4 figure (70.5) is borrowed, " +
      'which likely overstates a model on competition-style items',
  },
};

/** FNV-1a: a stable 32-bit number from a string, so each paper's draw depends on the seed and its id only. */
function hash32(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small, well-known seeded generator; the same seed gives the same run on any machine. */
export function rng(seed) {
  let a = hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (next, xs) => xs[Math.floor(next() * xs.length)];

function shuffled(next, xs) {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const valueOf = (s) => {
  const f = /^(-?\d+)\/(\d+)$/.exec(s);
  return f ? Number(f[1]) / Number(f[2]) : Number(s);
};

/**
 * A wrong number a pupil (or a model) might write: off by one or two, a slipped place value, a wrong
 * numerator. Never one numerically equal to the key (2/6 and 1/3 are the same answer).
 */
export function wrongNumber(next, key) {
  const f = /^(\d+)\/(\d+)$/.exec(key);
  let candidates;
  if (f) {
    const [a, b] = [Number(f[1]), Number(f[2])];
    candidates = [`${a + 1}/${b}`, `${Math.max(a - 1, 1)}/${b}`, `${a}/${b + 1}`];
  } else {
    const decimals = (key.split('.')[1] ?? '').length;
    const n = Number(key);
    const step = decimals ? 10 ** -decimals : 1;
    candidates = [n + step, n - step, n + 2 * step, n * 10, n + 10 * step]
      .filter((x) => x >= 0)
      // Rounded to the key's decimals (float steps leave 2.5000000001), written without trailing zeros.
      .map((x) => String(Number(x.toFixed(decimals))));
  }
  const wrong = candidates.filter((c) => Math.abs(valueOf(c) - valueOf(key)) > 1e-9);
  return pick(next, wrong);
}

const NOTE = `【解析】模拟作答（${MODEL}）：此答案由脚本按公开的总体正确率抽取，不是模型写的。`;

/** The lines of one paper: every top-level question answered once (sample 0). */
export function simulatePaper(paper, seed = SEED) {
  const calibration = CALIBRATION[paper.source?.name];
  if (!calibration)
    throw new Error(`${paper.id}: no calibration for source "${paper.source?.name}"`);
  const questions = paper.sections.flatMap((s) => s.questions);
  const next = rng(`${seed}|${paper.id}`);
  // A fixed share right, chosen at random: the paper's accuracy is the calibration's, rounded to a question.
  const right = new Set(
    shuffled(
      next,
      questions.map((q) => q.number),
    ).slice(0, Math.round(calibration.rate * questions.length)),
  );
  return questions.map((q) => {
    let answer;
    if (q.type === 'single_choice') {
      const label = right.has(q.number)
        ? q.answer
        : pick(
            next,
            q.options.map((o) => o.label).filter((l) => l !== q.answer),
          );
      answer = `【答案】${label}`;
    } else if (q.type === 'fill_blank' && q.blanks === 1) {
      const key = Array.isArray(q.answer[0]) ? q.answer[0][0] : q.answer[0];
      answer = `【第1空】${right.has(q.number) ? key : wrongNumber(next, key)}`;
    } else
      throw new Error(
        `${paper.id} question ${q.number}: only single choice and one-blank questions are simulated (got ${q.type})`,
      );
    return {
      paper: paper.id,
      question: q.number,
      model: MODEL,
      sample: 0,
      response: `${NOTE}\n${answer}`,
      finish_reason: 'stop',
      simulated: true,
    };
  });
}

/** Every paper's lines, papers in id order, so the file is the same whatever order they were read in. */
export function buildSimulatedRun(papers, seed = SEED) {
  return [...papers]
    .sort((a, b) => a.id.localeCompare(b.id))
    .flatMap((p) => simulatePaper(p, seed));
}
