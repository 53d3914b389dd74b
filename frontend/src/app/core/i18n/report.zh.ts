/**
 * Chinese texts of the report page's figures and of the run page's samples and progress (issue 19):
 * counts, what a verdict rests on, what was left out and why. Plural forms are English-only.
 */
export const REPORT_ZH = {
  'report.questionsCount': '{n} 题',
  'report.questionN': '第 {n} 题',
  'report.papersCount': '{n} 套试卷',
  'report.cohortsCount': '{n} 个学生群体',
  'report.pairsCount': '{n} 对双评',
  'report.drillAnswers': '{n} 条答案',
  'report.sampleN': '样本 {n}',
  'report.gradeValue': '{n} 年级',
  'report.listSep': '、',
  'report.overallOf': '合计：{subjects}',
  'report.leftOut': '另有 {n} 题未计入：{reasons}',
  'report.leftOut.pending': '待评 {n} 题',
  'report.leftOut.notScored': '不计分 {n} 题',
  'report.leftOut.notApplicable': '不适用 {n} 题',
  'report.leftOut.noCohort': '无学生数据 {n} 题',
  'report.pendingPointsN': '待评 {n} 分',
  'report.notScoredPointsN': '不计分 {n} 分',
  'report.basis': '依据 {p}% 的分值，{kind}',
  'report.basis.allObjective': '全为客观题',
  'report.basis.allSubjective': '全为主观题',
  'report.basis.objectiveShare': '客观题占 {p}%',
  'report.chartVerdictHead': '结论及其依据',
  'report.chartBasisHint':
    '“依据”为结论所用题目的分值占该学科总分的比例；其余为待评、不计分或无学生数据的题目，不计入得分率。',
  'report.closeHint': '关闭（Esc）',
  'report.cohortOption': '{paper} · {name}（{n} 人）',
  'report.cohortOption.synthetic': '{paper} · 合成学生（{n} 人）',
  'report.syntheticNote':
    '注意：本报告的学生数据为合成数据（按 IRT 模型生成，非真实学生），仅用于演示，不可作为结论发表。共 {n} 个学生群体。',
  'runs.progressOf': '{name} 的进度',
  'runs.reqPerSecond': '每秒 {n} 次请求',
  'runs.eta': '预计剩余 {t}',
  'runs.etaSeconds': '{n} 秒',
  'runs.tokens': '词元：输入 {in}，输出 {out}',
  'runs.sampleN': '样本 {n}',
  'runs.templateImported': '未使用模板 {v}',
  'runs.samplesCount': '{n} 个样本',
  'runs.answersShown': '显示 {n} 条答案，按题目和模型分组',
} as const;
