#!/usr/bin/env node
/**
 * Builds the sample paper bundles in exam-papers/ and their rubrics in rubrics/ from the public
 * datasets in ../shared/datasets: GAOKAO-Bench and GAOKAO-MM (grade 12, Apache-2.0), and below
 * grade 12 CMATH, E-EVAL and TAL-SCQ5K-CN (sample-papers/k12-papers.mjs). Also writes the
 * repository's NOTICE, which lists every dataset shipped (the about page shows it).
 *
 * Re-runnable: it rewrites its own output folders and nothing else. Usage:
 *   node backend/scripts/build-sample-papers.mjs [--datasets <dir>]
 *
 * GAOKAO-Bench items are grouped into papers by (subject, year, paper name); GAOKAO-MM image
 * questions, which come from many papers, form one "image questions" collection per subject.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { buildQuestion } from './sample-papers/convert-items.mjs';
import { deriveRubric } from './sample-papers/derive-rubric.mjs';
import { k12Papers } from './sample-papers/k12-papers.mjs';
import { notice } from './sample-papers/notice.mjs';
import { readme } from './sample-papers/readme.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argIdx = process.argv.indexOf('--datasets');
const datasets = resolve(argIdx > 0 ? process.argv[argIdx + 1] : join(root, '../shared/datasets'));
const BENCH = join(datasets, 'GAOKAO-Bench');
const MM = join(datasets, 'GAOKAO-MM');
const BENCH_COMMIT = '6dbb24f8d8439041e5431c4c184a582182a6ce9c';
const MM_COMMIT = '76d5193c89655192d053dcf86ead743e0423ec95';

const SUBJECT_NAMES = {
  chinese: '语文',
  math: '数学（理科）',
  english: '英语',
  physics: '物理',
  chemistry: '化学',
  biology: '生物',
  history: '历史',
  geography: '地理',
  politics: '思想政治',
};

/** Which dataset files make up each subject's paper, in exam order, with how to read them. */
const BENCH_FILES = {
  math: [
    ['Objective_Questions/2010-2022_Math_I_MCQs', 'single', '一、选择题'],
    ['Subjective_Questions/2010-2022_Math_I_Fill-in-the-Blank', 'math_blank', '二、填空题'],
    ['Subjective_Questions/2010-2022_Math_I_Open-ended_Questions', 'calculation', '三、解答题'],
  ],
  physics: [
    ['Objective_Questions/2010-2022_Physics_MCQs', 'multiple', '一、选择题'],
    ['Subjective_Questions/2010-2022_Physics_Open-ended_Questions', 'calculation', '二、非选择题'],
  ],
  chemistry: [
    ['Objective_Questions/2010-2022_Chemistry_MCQs', 'single', '一、选择题'],
    [
      'Subjective_Questions/2010-2022_Chemistry_Open-ended_Questions',
      'calculation',
      '二、非选择题',
    ],
  ],
  biology: [
    ['Objective_Questions/2010-2022_Biology_MCQs', 'single', '一、选择题'],
    ['Subjective_Questions/2010-2022_Biology_Open-ended_Questions', 'short_answer', '二、非选择题'],
  ],
  history: [
    ['Objective_Questions/2010-2022_History_MCQs', 'single', '一、选择题'],
    ['Subjective_Questions/2010-2022_History_Open-ended_Questions', 'short_answer', '二、非选择题'],
  ],
  geography: [
    ['Objective_Questions/2010-2022_Geography_MCQs', 'group', '一、选择题'],
    ['Subjective_Questions/2010-2022_Geography_Open-ended_Questions', 'short_answer', '二、综合题'],
  ],
  politics: [
    ['Objective_Questions/2010-2022_Political_Science_MCQs', 'single', '一、选择题'],
    [
      'Subjective_Questions/2010-2022_Political_Science_Open-ended_Questions',
      'short_answer',
      '二、非选择题',
    ],
  ],
  chinese: [
    ['Objective_Questions/2010-2022_Chinese_Modern_Lit', 'group', '一、现代文阅读（选择题）'],
    [
      'Subjective_Questions/2010-2022_Chinese_Language_Practical_Text_Reading',
      'short_answer',
      '二、现代文阅读',
    ],
    [
      'Subjective_Questions/2010-2022_Chinese_Language_Literary_Text_Reading',
      'short_answer',
      '二、现代文阅读',
    ],
    [
      'Subjective_Questions/2010-2022_Chinese_Language_Classical_Chinese_Reading',
      'short_answer',
      '三、古代诗文阅读',
    ],
    [
      'Subjective_Questions/2010-2022_Chinese_Language_Ancient_Poetry_Reading',
      'short_answer',
      '三、古代诗文阅读',
    ],
    [
      'Subjective_Questions/2010-2022_Chinese_Language_Famous_Passages_and_Sentences_Dictation',
      'dictation',
      '三、古代诗文阅读',
    ],
    ['Objective_Questions/2010-2022_Chinese_Lang_and_Usage_MCQs', 'group', '四、语言文字运用'],
    [
      'Subjective_Questions/2010-2022_Chinese_Language_Language_and_Writing_Skills_Open-ended_Questions',
      'short_answer',
      '四、语言文字运用',
    ],
  ],
  english: [
    ['Objective_Questions/2010-2022_English_Reading_Comp', 'group', '第一部分 阅读理解（第一节）'],
    [
      'Objective_Questions/2012-2022_English_Cloze_Test',
      'seven',
      '第一部分 阅读理解（第二节 七选五）',
    ],
    [
      'Objective_Questions/2010-2022_English_Fill_in_Blanks',
      'group',
      '第二部分 语言运用（第一节 完形填空）',
    ],
    [
      'Subjective_Questions/2014-2022_English_Language_Cloze_Passage',
      'grammar_blank',
      '第二部分 语言运用（第二节 语法填空）',
    ],
    [
      'Subjective_Questions/2012-2022_English_Language_Error_Correction',
      'short_answer',
      '第三部分 写作（短文改错）',
    ],
  ],
};

const PAPERS = [
  {
    year: 2022,
    category: '（全国乙卷）',
    region: '全国乙卷',
    tag: 'national-b',
    subjects: Object.keys(BENCH_FILES),
  },
  {
    year: 2018,
    category: '（新课标ⅰ）',
    region: '全国卷Ⅰ（新课标）',
    tag: 'national-1',
    subjects: ['math', 'physics', 'chemistry', 'biology', 'history', 'politics', 'chinese'],
  },
];

const MM_FILES = {
  math: '2010-2023_Math_MCQs',
  physics: '2010-2023_Physics_MCQs',
  chemistry: '2010-2023_Chemistry_MCQs',
  biology: '2010-2023_Biology_MCQs',
  history: '2010-2023_History_MCQs',
  geography: '2010-2023_Geography_MCQs',
  politics: '2010-2023_Political_Science_MCQs',
  chinese: '2010-2023_Chinese_Pratical_Lit',
};

const cache = new Map();
function load(path) {
  if (!cache.has(path)) cache.set(path, JSON.parse(readFileSync(path, 'utf8')).example);
  return cache.get(path);
}

function writePaper(paper, rubric, images) {
  const dir = join(root, 'exam-papers', paper.id);
  mkdirSync(join(dir, 'images'), { recursive: true });
  for (const [from, to] of images) copyFileSync(from, join(dir, to));
  writeFileSync(
    join(dir, 'paper.yaml'),
    `# Generated by backend/scripts/build-sample-papers.mjs; do not edit by hand.\n${stringify(paper, { lineWidth: 0 })}`,
  );
  if (rubric.questions.length) {
    writeFileSync(
      join(root, 'rubrics', `${paper.id}.rubric.yaml`),
      `# Generated by backend/scripts/build-sample-papers.mjs; derived, not an official marking scheme.\n${stringify(rubric, { lineWidth: 0 })}`,
    );
  }
}

function benchPaper(spec, subject) {
  const counter = { n: 0 };
  const sections = [];
  const passages = [];
  const rubricQuestions = [];
  for (const [file, kind, title] of BENCH_FILES[subject]) {
    const items = load(join(BENCH, 'Data', `${file}.json`)).filter(
      (e) => Number(e.year) === spec.year && e.category === spec.category,
    );
    if (!items.length) continue;
    let section = sections.find((s) => s.title === title);
    if (!section) sections.push((section = { title, questions: [] }));
    for (const item of items) {
      const provenance = {
        dataset: 'GAOKAO-Bench',
        commit: BENCH_COMMIT,
        file: `Data/${file}.json`,
        index: item.index,
      };
      const q = buildQuestion(item, kind, counter, provenance, passages, file);
      if (!q) continue;
      section.questions.push(q);
      for (const target of q.subQuestions ?? [q]) {
        const r = deriveRubric(target);
        if (r) rubricQuestions.push(r);
      }
    }
  }
  const id = `gaokao-${spec.year}-${spec.tag}-${subject}`;
  const paper = {
    format: 'yuejuan/paper@1',
    id,
    title: `${spec.year}年普通高等学校招生全国统一考试（${spec.region}）${SUBJECT_NAMES[subject]}（节选）`,
    subject,
    grade: 12,
    stage: 'senior',
    year: spec.year,
    region: spec.region,
    language: subject === 'english' ? 'en' : 'zh',
    source: {
      name: 'GAOKAO-Bench',
      url: 'https://github.com/OpenLMLab/GAOKAO-Bench',
      licence: 'Apache-2.0',
      commit: BENCH_COMMIT,
      note: 'Reconstructed from the GAOKAO-Bench items of this paper; items the dataset does not hold (e.g. figures, essays) are absent.',
    },
    scoring:
      subject === 'physics'
        ? {
            multipleChoice: { rule: 'subset_fixed', partialPoints: 3 },
            marking: { mode: 'double', tolerance: 2 },
          }
        : { multipleChoice: { rule: 'all_or_nothing' }, marking: { mode: 'double', tolerance: 2 } },
    ...(passages.length ? { passages } : {}),
    sections,
  };
  return { paper, rubric: rubricOf(id, rubricQuestions), images: [] };
}

function mmPaper(subject) {
  const file = MM_FILES[subject];
  const items = load(join(MM, 'Data', `${file}.json`));
  const counter = { n: 0 };
  const images = [];
  const questions = items.map((item) => {
    const provenance = {
      dataset: 'GAOKAO-MM',
      commit: MM_COMMIT,
      file: `Data/${file}.json`,
      index: item.index,
      year: item.year,
      paper: item.category,
    };
    const isMulti = item.answer[0].length > 1 || subject === 'physics';
    const q = buildQuestion(item, isMulti ? 'multiple' : 'single', counter, provenance, [], file);
    q.images = item.picture.map((p, k) => {
      const name = `images/${file}_${item.index}_${k}.png`;
      images.push([join(MM, p.replace(/^\.\.\//, '')), name]);
      return { file: name, alt: `${item.year} ${item.category} 图${k + 1}` };
    });
    return q;
  });
  const years = items.map((i) => Number(i.year));
  const id = `gaokao-mm-${subject}-images`;
  const paper = {
    format: 'yuejuan/paper@1',
    id,
    title: `高考${SUBJECT_NAMES[subject].replace('（理科）', '')}图像选择题精选（${Math.min(...years)}–${Math.max(...years)}，GAOKAO-MM）`,
    subject,
    grade: 12,
    stage: 'senior',
    year: Math.max(...years),
    region: '全国卷（多套）',
    language: 'zh',
    source: {
      name: 'GAOKAO-MM',
      url: 'https://github.com/OpenMOSS/GAOKAO-MM',
      licence: 'Apache-2.0',
      commit: MM_COMMIT,
      note: 'A collection of image questions from several national papers; each question records its own year and paper.',
    },
    scoring: {
      multipleChoice:
        subject === 'physics'
          ? { rule: 'subset_fixed', partialPoints: 3 }
          : { rule: 'all_or_nothing' },
    },
    sections: [{ title: '选择题（含图）', questions }],
  };
  return { paper, rubric: rubricOf(id, []), images };
}

function rubricOf(paper, questions) {
  return {
    format: 'yuejuan/rubric@1',
    paper,
    derived: true,
    derivation:
      'Derived automatically by build-sample-papers.mjs from the dataset reference answer: one item per sub-question step or answer point, points as the stem states them per sub-question or else shared evenly (a one-letter choice answer counts 3), score mode where the answer has no such seams; grader notes from the analysis. Not an official marking scheme.',
    questions,
  };
}

function main() {
  if (
    ![
      BENCH,
      MM,
      join(datasets, 'CMATH'),
      join(datasets, 'E-EVAL'),
      join(datasets, 'TAL-SCQ5K'),
    ].every((d) => existsSync(d))
  ) {
    console.error(`datasets not found under ${datasets}; pass --datasets <dir>`);
    process.exit(2);
  }
  // exam-papers/intake-samples is written by build-intake-samples.mjs: keep it.
  mkdirSync(join(root, 'exam-papers'), { recursive: true });
  for (const name of readdirSync(join(root, 'exam-papers')).filter((n) => n !== 'intake-samples'))
    rmSync(join(root, 'exam-papers', name), { recursive: true, force: true });
  rmSync(join(root, 'rubrics'), { recursive: true, force: true });
  mkdirSync(join(root, 'rubrics'), { recursive: true });
  const built = [];
  for (const spec of PAPERS)
    for (const subject of spec.subjects) built.push(benchPaper(spec, subject));
  for (const subject of Object.keys(MM_FILES)) built.push(mmPaper(subject));
  built.push(...k12Papers(datasets));
  for (const b of built) writePaper(b.paper, b.rubric, b.images);
  writeFileSync(join(root, 'exam-papers', 'README.md'), readme(built, { BENCH_COMMIT, MM_COMMIT }));
  writeFileSync(join(root, 'NOTICE'), notice(built, { BENCH_COMMIT, MM_COMMIT }));
  const recorded = recordedRun(built);
  mkdirSync(join(root, 'exam-papers', 'recorded-runs'), { recursive: true });
  writeFileSync(
    join(root, 'exam-papers', 'recorded-runs', 'gpt-4-0314.jsonl'),
    recorded.map((l) => JSON.stringify(l)).join('\n') + '\n',
  );
  console.log(`wrote ${recorded.length} recorded GPT-4-0314 answers to exam-papers/recorded-runs/`);
  // The dataset's recorded grading of those answers (a recorded judge), matched the same way.
  execFileSync(
    process.execPath,
    [join(root, 'backend', 'scripts', 'build-recorded-judge.mjs'), '--datasets', datasets],
    {
      stdio: 'inherit',
    },
  );
  console.log(`wrote ${built.length} papers to exam-papers/ and their rubrics to rubrics/`);
}

/**
 * The GPT-4-0314 outputs published with GAOKAO-Bench, matched to the sample papers' questions by
 * provenance (file, index), as answer-import lines: a real model run the demo shows offline.
 */
function recordedRun(built) {
  const where = new Map();
  for (const { paper } of built) {
    for (const q of paper.sections.flatMap((s) => s.questions)) {
      if (q.provenance?.dataset === 'GAOKAO-Bench')
        where.set(`${q.provenance.file}#${q.provenance.index}`, {
          paper: paper.id,
          question: q.number,
        });
    }
  }
  const dirs = [
    join(BENCH, 'Results/gpt_4_0314_obj'),
    join(BENCH, 'Results/gpt_4_0314_sub/gpt-4-1106-preview_correction_wo_marking_criterion'),
  ];
  const lines = [];
  for (const dir of dirs) {
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      const keyword = doc.keyword.replace(/_wo_marking_criterion$/, '');
      const folder = dir.includes('_obj') ? 'Objective_Questions' : 'Subjective_Questions';
      for (const e of doc.example) {
        const target = where.get(`Data/${folder}/${keyword}.json#${e.index}`);
        if (target)
          lines.push({
            ...target,
            model: 'GPT-4-0314 (GAOKAO-Bench)',
            sample: 0,
            response: e.model_output,
          });
      }
    }
  }
  return lines.sort((a, b) =>
    (a.paper + a.question.padStart(4, '0')).localeCompare(b.paper + b.question.padStart(4, '0')),
  );
}

main();
