/**
 * Sample papers below grade 12, from CMATH (primary maths, grades 1–6), E-EVAL (primary and
 * middle-school multiple choice, dev+val) and TAL-SCQ5K-CN (junior maths competition items).
 * Pure apart from reading the dataset files; every question records where it came from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import {
  E_EVAL_SUBJECTS,
  JUNIOR_GRADE_ZH,
  K12_DATASETS,
  PRIMARY_GRADE_ZH,
} from './k12-sources.mjs';

/** Questions per paper: enough for a report slice, small enough that the demo seeds quickly. */
const PER_PAPER = 20;

const readJsonl = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** `n` items spread evenly across `items` (and so across the file), in file order. */
export function spread(items, n) {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

function skeleton(ds, { id, title, subject, grade, stage, year, language, note, sections }) {
  const meta = K12_DATASETS[ds];
  return {
    format: 'yuejuan/paper@1',
    id,
    title,
    subject,
    grade,
    stage,
    year,
    // The datasets do not say where an item was set (TAL lists competitions, in its provenance).
    region: '地区未注明',
    language,
    source: { name: meta.name, url: meta.url, licence: meta.licence, commit: meta.commit, note },
    scoring: { multipleChoice: { rule: 'all_or_nothing' } },
    sections,
  };
}

const built = (paper) => ({ paper, rubric: { questions: [] }, images: [] });

/**
 * CMATH: one paper per grade, each answer a fill-in blank graded by numeric equivalence
 * (docs/grading.md: "3/4" = "0.75", "12元" answers a key of 12). The key is the dataset's
 * `golden` as written; the grader, not the key, knows the equivalent forms.
 */
/**
 * CMATH items numeric equivalence cannot grade, left out by line index: a key in another unit
 * than the stem asks for, or a question whose answer is one written form of a value.
 */
const CMATH_LEFT_OUT = {
  530: 'the key 414.48 is in 厘米 while the stem asks for 米',
};
const asksForAForm = (r) => /原来的分数|原分数/.test(r.input); // 30/42, where 5/7 has the same value

export function cmathPapers(datasets) {
  const file = 'cmath_dev.jsonl';
  const rows = readJsonl(join(datasets, 'CMATH', file))
    .map((r, index) => ({ ...r, index }))
    .filter((r) => !(r.index in CMATH_LEFT_OUT) && !asksForAForm(r));
  return [1, 2, 3, 4, 5, 6].map((grade) => {
    const items = spread(
      rows.filter((r) => r.grade === grade),
      PER_PAPER,
    );
    const questions = items.map((r, i) => ({
      number: String(i + 1),
      type: 'fill_blank',
      points: 5,
      stem: `${r.input}（填写数值）`,
      blanks: 1,
      answer: [r.golden],
      tags: ['应用题', `${r.reasoning_step} 步推理`],
      provenance: {
        dataset: 'CMATH',
        commit: K12_DATASETS.CMATH.commit,
        file,
        index: r.index,
        licence: 'CC-BY-4.0',
      },
    }));
    return built(
      skeleton('CMATH', {
        id: `cmath-grade-${grade}-math`,
        title: `小学${PRIMARY_GRADE_ZH[grade - 1]}年级数学应用题（CMATH）`,
        subject: 'math',
        grade,
        stage: 'primary',
        year: 2023,
        language: 'zh',
        note: `${PER_PAPER} of the 100 grade-${grade} word problems of CMATH cmath_dev.jsonl, spread evenly over the file (leaving out items numeric equivalence cannot grade: a key in another unit than asked, a question asking for one written form of a value); numeric answers, graded by numeric equivalence. Points (5 each) are set by the sample builder: the dataset has none.`,
        sections: [
          { title: '应用题（填空）', instructions: '每题填写一个数值答案，可带单位。', questions },
        ],
      }),
    );
  });
}

const E_EVAL_STAGES = {
  Primary_School: { stage: 'primary', grade: 6, zh: '小学', points: 5 },
  Middle_School: { stage: 'junior', grade: 9, zh: '初中', points: 4 },
};

/** A stem or option the upstream spreadsheet lost (empty, or an Excel error such as "#NAME?"): skip the question. */
const isBroken = (row) =>
  !row.question?.trim() ||
  ['A', 'B', 'C', 'D'].some((l) => !row[l]?.trim() || /^#[A-Z/0!]+\??$/.test(row[l].trim()));

/**
 * E-EVAL: one paper per stage and subject, dev+val (the splits that carry answers). E-EVAL does
 * not say the grade of an item, only the stage: papers are set at the stage's final grade (小升初,
 * 中考 level) and say so.
 */
export function eEvalPapers(datasets) {
  const papers = [];
  for (const [prefix, st] of Object.entries(E_EVAL_STAGES)) {
    for (const [name, [subject, subjectZh]] of Object.entries(E_EVAL_SUBJECTS)) {
      const files = ['dev', 'val'].map((split) => `data/${split}/${prefix}_${name}_${split}.csv`);
      let rows;
      try {
        rows = files.flatMap((file) =>
          Papa.parse(readFileSync(join(datasets, 'E-EVAL', file), 'utf8'), {
            header: true,
            skipEmptyLines: true,
          }).data.map((r) => ({
            ...r,
            file,
          })),
        );
      } catch (e) {
        if (e.code === 'ENOENT') continue; // not every subject exists at every stage
        throw e;
      }
      const kept = rows.filter((r) => !isBroken(r) && /^[ABCD]$/.test(r.answer?.trim()));
      const questions = kept.map((r, i) => ({
        number: String(i + 1),
        type: 'single_choice',
        points: st.points,
        // Some stems keep their source's number ("1．"): the paper numbers its own questions.
        stem: r.question.trim().replace(/^\d+\s*[.．、]\s*/, ''),
        options: ['A', 'B', 'C', 'D'].map((label) => ({ label, text: r[label].trim() })),
        answer: r.answer.trim(),
        tags: ['选择题'],
        provenance: {
          dataset: 'E-EVAL',
          commit: K12_DATASETS['E-EVAL'].commit,
          file: r.file,
          id: r.id,
          licence: 'Apache-2.0',
        },
      }));
      const skipped = rows.length - kept.length;
      papers.push(
        built(
          skeleton('E-EVAL', {
            id: `e-eval-${st.stage}-${name.toLowerCase()}`,
            title: `${st.zh}${subjectZh}选择题（E-EVAL）`,
            subject,
            grade: st.grade,
            stage: st.stage,
            year: 2024,
            language: subject === 'english' ? 'en' : 'zh',
            note: `The dev and val questions of E-EVAL ${prefix}_${name}${skipped ? ` (${skipped} left out: a stem or option lost upstream, e.g. "#NAME?")` : ''}. E-EVAL gives the stage, not the grade: the paper is set at grade ${st.grade}, the stage's last.${name === 'Ethics' || name === 'Politics' ? ' 道德与法治 is reported with politics (思想政治), the subject it becomes in senior high.' : ''} Points are set by the sample builder.`,
            sections: [{ title: '单项选择题', questions }],
          }),
        ),
      );
    }
  }
  return papers;
}

/** Junior grade of a TAL item from where it appeared (初一/初二/初三); items naming two grades are left out. */
function talGrade(item) {
  const found = new Set((item.competition_source_list ?? []).join(' ').match(/初[一二三]/g) ?? []);
  if (found.size !== 1) return null;
  return { 初一: 7, 初二: 8, 初三: 9 }[[...found][0]];
}

/**
 * TAL writes LaTeX for a text-mode typesetter: `$$…$$` inline, text commands for symbols KaTeX
 * does not know in maths (\\textless), and cases whose row breaks were flattened to spaces. Made
 * KaTeX-readable without changing what is said.
 */
export function talLatex(text) {
  const SYMBOLS = { textless: '<', textgreater: '>', textbar: '|', textasciitilde: '\\sim ' };
  return (
    text
      .replace(/\$\$([\s\S]*?)\$\$/g, (_, m) => `$${m}$`)
      // Two formulas side by side ($$a$$$$b$$) would now touch: "$a$$b$" reads as display maths.
      .replace(/\$\$/g, '$ $')
      .replace(/\\(textless|textgreater|textbar|textasciitilde)(?:\{\})?/g, (_, c) => SYMBOLS[c])
      .replace(/\\(?:emph|uline)\{([^{}]*)\}/g, '$1')
      .replace(/\\(?:hfill|break)(?![a-zA-Z])/g, ' ')
      .replace(/\\begin\{cases\}([\s\S]*?)\\end\{cases\}/g, (_, body) =>
        body.includes('\\\\')
          ? `\\begin{cases}${body}\\end{cases}`
          : `\\begin{cases}${body
              .trim()
              .split(/\s{2,}/)
              .join(' \\\\ ')}\\end{cases}`,
      )
  );
}

const tagsOf = (routes) =>
  [...new Set((routes ?? []).map((r) => r.split('->').pop().trim()).filter(Boolean))].slice(0, 3);

/**
 * TAL-SCQ5K-CN: junior maths, one paper per grade 7–9, four-option items only. These are
 * competition and selective-entrance items, not ordinary school exams: the title and the section
 * say so. The worked solution becomes the analysis, the knowledge routes the tags.
 */
export function talPapers(datasets) {
  const dir = 'ch_single_choice_constructed_5K';
  const rows = ['ch_single_choice_test_2K.jsonl', 'ch_single_choice_train_3K.jsonl'].flatMap(
    (name) =>
      readJsonl(join(datasets, 'TAL-SCQ5K', dir, name)).map((r, index) => ({
        ...r,
        file: `${dir}/${name}`,
        index,
      })),
  );
  const junior = rows.filter(
    (r) => r.dataset_name.startsWith('mid_') && r.answer_option_list.length === 4,
  );
  return [7, 8, 9].map((grade) => {
    const items = spread(
      junior.filter((r) => talGrade(r) === grade),
      PER_PAPER,
    );
    const questions = items.map((r, i) => ({
      number: String(i + 1),
      type: 'single_choice',
      points: 5,
      stem: talLatex(r.problem.trim()),
      options: r.answer_option_list.map(([o]) => ({
        label: o.aoVal,
        text: talLatex(o.content.trim()),
      })),
      answer: r.answer_value,
      analysis: talLatex(r.answer_analysis.join('\n\n').trim()),
      tags: ['竞赛题', ...tagsOf(r.knowledge_point_routes)],
      provenance: {
        dataset: 'TAL-SCQ5K-CN',
        commit: K12_DATASETS['TAL-SCQ5K'].commit,
        file: r.file,
        index: r.index,
        id: r.queId,
        licence: 'MIT',
        competitionSources: r.competition_source_list,
        // Upstream does not say how difficulty was set: it is not student data.
        difficulty: r.difficulty,
      },
    }));
    return built(
      skeleton('TAL-SCQ5K', {
        id: `tal-scq5k-grade-${grade}-math`,
        title: `初中${JUNIOR_GRADE_ZH[grade]}年级数学竞赛风格选择题（TAL-SCQ5K，非常规考试）`,
        subject: 'math',
        grade,
        stage: 'junior',
        year: 2023,
        language: 'zh',
        note: `Competition-style items (maths competitions and selective entrance papers, see each question's competitionSources), not an ordinary school exam: ${PER_PAPER} four-option junior items of TAL-SCQ5K-CN whose sources name 初${'一二三'[grade - 7]} alone, spread evenly. Worked solutions are the analysis; knowledge routes are the tags. Points are set by the sample builder.`,
        sections: [
          {
            title: '竞赛风格单项选择题',
            instructions: '本卷题目选自数学竞赛与选拔考试（竞赛风格），难度高于常规学校考试。',
            questions,
          },
        ],
      }),
    );
  });
}

/** Every paper below grade 12, in stage and grade order. */
export function k12Papers(datasets) {
  return [...cmathPapers(datasets), ...eEvalPapers(datasets), ...talPapers(datasets)];
}
