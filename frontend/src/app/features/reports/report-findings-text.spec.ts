import { formatMessage } from '../../core/i18n/format-message';
import { ZH_MESSAGES } from '../../core/i18n/messages';
import { EN_MESSAGES } from '../../core/i18n/messages-en';
import { findingText, restsOnText } from './report-findings-text';
import { Finding } from './reports-api.service';

const tr =
  (lang: 'zh' | 'en') =>
  (key: string, params: Record<string, string | number> = {}) => {
    const dict: Record<string, string> = lang === 'zh' ? ZH_MESSAGES : EN_MESSAGES;
    return key in dict ? formatMessage(dict[key], params, lang) : key;
  };
const rests = {
  totalPoints: 45,
  scoredPoints: 40,
  pendingPoints: 5,
  notScoredPoints: 0,
  comparablePoints: 40,
  questions: 4,
  cohorts: 2,
  students: 200,
  synthetic: true,
  simulated: false,
};
const finding = (code: string, params: Finding['params']): Finding => ({
  code,
  params,
  restsOn: rests,
  drill: null,
});

describe('headline findings in words', () => {
  const tie = finding('finding.model_vs_students.tie', {
    dimension: 'overall',
    value: 'all',
    stages: ['junior', 'senior'],
    model: 'X',
    modelRate: 0.575,
    studentRate: 0.45,
    diff: 0.125,
    diffLow: -0.2,
    diffHigh: 0.4,
    ratio: 23 / 18,
  });

  it('words a zero-including interval as no difference, never a win, with the figures and interval', () => {
    expect(findingText(tr('en'), tie)).toBe(
      'Combined K12 (Junior secondary, Senior secondary): X scores 57.5%, no different from the students’ average of 45.0% (difference +12.5 pp, 95% CI −20.0 pp to +40.0 pp, includes 0).',
    );
    expect(findingText(tr('zh'), tie)).toBe(
      'K12 综合（初中、高中）：X 得分率 57.5%，与学生平均 45.0% 无明显差异（差值 +12.5 个百分点，95% CI −20.0 个百分点 至 +40.0 个百分点，含 0）。',
    );
    expect(findingText(tr('en'), tie)).not.toMatch(/above/);
  });

  it('words a change since the previous round as a signed percentage with its interval', () => {
    const up = finding('finding.change.model.up', {
      dimension: 'stage',
      value: 'junior',
      previousRound: '2024 春',
      model: 'X',
      relative: 0.1286,
      relativeLow: 0.02,
      relativeHigh: 0.25,
      diffBefore: -0.1,
      diffNow: -0.05,
    });
    expect(findingText(tr('en'), up)).toBe(
      'Junior secondary: since the previous round “2024 春”, X’s score relative to the students rose 12.9% (95% CI +2.0% to +25.0%); its gap to the students went from −10.0 pp to −5.0 pp.',
    );
  });

  it('names the subjects and the field statistic in the reader’s language', () => {
    const some = finding('finding.subject.some_above', {
      subject: 'english',
      modelsAbove: ['X', 'Y'],
      model: 'X',
      diff: 0.1,
      diffLow: 0.05,
      diffHigh: 0.2,
      models: 2,
    });
    expect(findingText(tr('zh'), some)).toContain('英语：已有模型高于学生平均（X、Y）');
    const field = finding('finding.field_vs_students.above', {
      dimension: 'overall',
      value: 'all',
      stages: ['senior'],
      stat: 'best',
      model: 'X',
      models: 3,
      diff: 0.1,
      diffLow: 0.01,
      diffHigh: 0.2,
    });
    expect(findingText(tr('en'), field)).toBe(
      'Combined K12 (Senior secondary): of 3 models, the best model (X) is above the students’ average by 10.0 pp (95% CI +1.0 pp to +20.0 pp).',
    );
  });

  it('words a subject finding about a single model without "some models"', () => {
    const one = finding('finding.subject.none_above', {
      subject: 'math',
      modelsAbove: [],
      models: 1,
      model: 'X',
      diff: -0.377,
      diffLow: -0.6,
      diffHigh: -0.143,
    });
    expect(findingText(tr('en'), one)).toBe(
      'Math: X is not above the students’ average (difference −37.7 pp, 95% CI −60.0 pp to −14.3 pp).',
    );
    expect(findingText(tr('zh'), one)).toBe(
      '数学：X 没有高于学生平均（差值 −37.7 个百分点，95% CI −60.0 个百分点 至 −14.3 个百分点）。',
    );
  });

  it('says what a finding rests on, synthetic students included', () => {
    const real = { ...tie, restsOn: { ...tie.restsOn, synthetic: false, cohorts: 1, students: 4 } };
    expect(restsOnText(tr('en'), real)).toBe(
      'Rests on questions worth 40 points already scored (5 still pending) · 1 student cohort (4 results)',
    );
    expect(restsOnText(tr('en'), tie)).toBe(
      'Rests on questions worth 40 points already scored (5 still pending) · synthetic students (2 cohorts, not real students)',
    );
    expect(restsOnText(tr('zh'), tie)).toBe(
      '依据：已评 40 分，待评 5 分 · 合成学生数据（2 个群体，非真实学生）',
    );
  });
});

describe('findings that follow the filters, the best model, simulated models', () => {
  const [zh, en] = [tr('zh'), tr('en')];

  it('says the best model was chosen on the same data, in both languages', () => {
    const best = finding('finding.field_vs_students.tie', {
      dimension: 'overall',
      value: 'all',
      stages: ['senior'],
      stat: 'best',
      model: 'X',
      models: 2,
      diff: 0.125,
      diffLow: -0.2,
      diffHigh: 0.4,
      selectedOnSameData: true,
    });
    expect(findingText(zh, best)).toContain('最佳模型按同一数据选出；区间是该模型自身的区间');
    expect(findingText(en, best)).toContain('The best model is picked on these same figures');
    const median = finding('finding.field_vs_students.tie', {
      ...best.params,
      stat: 'median',
      selectedOnSameData: null,
    });
    expect(findingText(zh, median)).not.toContain('同一数据选出');
  });

  it('says a filter left one side of the humanities–sciences index, naming it, or neither', () => {
    const one = finding('finding.gap.unavailable.filtered', {
      humanities: 'humanities',
      sciences: 'sciences',
      present: ['sciences'],
      missing: ['humanities'],
    });
    expect(findingText(zh, one)).toBe(
      '所选筛选只留下理科的结果，没有文科可以对比，因此不计算文强理弱指数。',
    );
    expect(findingText(en, one)).toBe(
      'The chosen filters leave only Sciences results and no Humanities to compare them with, so there is no humanities–sciences index.',
    );
    const none = finding('finding.gap.unavailable.filtered', {
      present: [],
      missing: ['humanities', 'sciences'],
    });
    expect(findingText(zh, none)).toBe(
      '所选筛选下没有文科或理科与学生比较的结果，因此不计算文强理弱指数。',
    );
    const change = finding('finding.change.not_comparable.filtered', { previousRound: '2024 春' });
    expect(findingText(en, change)).toContain(
      'With the chosen filters, the previous round “2024 春”',
    );
  });

  it('says when a finding rests on a simulated model, and names politics with 道德与法治', () => {
    const f = {
      ...finding('finding.subject.none_above', {
        subject: 'politics',
        modelsAbove: [],
        models: 2,
        model: 'S',
        diff: -0.1,
        diffLow: -0.2,
        diffHigh: 0,
      }),
    };
    f.restsOn = { ...rests, simulated: true };
    expect(restsOnText(zh, f)).toContain('模拟模型（答案由脚本生成）');
    expect(restsOnText(en, f)).toContain('a simulated model (answers drawn by a script)');
    expect(restsOnText(zh, { ...f, restsOn: rests })).not.toContain('模拟');
    expect(findingText(zh, f)).toMatch(/^思想政治（含道德与法治）：/);
    expect(findingText(en, f)).toMatch(/^Politics \(incl\. Morality and Law\): /);
  });
});
