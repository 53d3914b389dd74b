/**
 * The headline findings and the evaluation rounds, in Chinese. Every finding comes from the server
 * as a code and parameters; these texts word them. A finding whose interval includes zero is
 * always "no difference" (…tie), never a win. Figures arrive formatted: {diff} "+3.2 个百分点",
 * {relative} "+12.9%", {ratio} "1.18 倍", intervals as {low} and {high}.
 */
export const REPORT_FINDINGS_ZH = {
  'finding.title': '主要发现',
  'finding.roundOf': '评测轮次「{name}」· {date}',
  'finding.previous': '上一轮：「{name}」· {date}',
  'finding.noPrevious': '没有更早的轮次',
  'finding.noRound': '还没有评测轮次。把一次评测的运行归入一轮后，这里按轮次给出主要发现。',
  'finding.noFindings': '这一轮还没有可与学生比较的已评分结果。',
  'finding.exportCsv': '导出发现（CSV）',
  'finding.manageRounds': '管理评测轮次',
  'finding.method':
    '区间为 95% bootstrap 区间（{b} 次重抽样，种子 {seed}）；区间含 0 即写作“无明显差异”。',
  'finding.openHint': '点一句即可查看它背后的答案',
  'finding.caveat.synthetic':
    '注意：以下发现所依据的学生数据全部或部分为合成数据（由模型生成，并非真实学生），只可用来演示方法，不能作为结论。',
  'finding.caveat.pending':
    '注意：还有 {points} 分的答案待评，以下数字只依据已评分部分，待评部分补齐后可能改变。',
  'finding.restsOn': '依据：已评 {scored} 分，待评 {pending} 分',
  'finding.restsOn.synthetic': '合成学生数据（{cohorts} 个群体，非真实学生）',
  'finding.restsOn.real': '{cohorts} 个学生群体（{n} 份成绩）',
  'finding.restsOn.simulated': '模拟模型（答案由脚本生成）',
  'finding.caveat.simulated':
    '注意：部分发现依据模拟模型（{models}）的答案：它们由脚本生成，并非真实模型作答，只可用来演示方法，不能作为结论。',
  'finding.bestNote':
    '（最佳模型按同一数据选出；区间是该模型自身的区间，不含“选出最佳”本身的不确定性。）',
  'finding.scoring.teachers_else_validated_judge':
    '分数来源：教师评分，未评完处用已验证的评分模型 {judge}（与下方图表相同）。',
  'finding.scoring.judge_only': '分数来源：仅评分模型 {judge}（对照用，不是教师评分）。',
  'finding.scoring.noJudge':
    '所选分数来源需要评分模型，但没有评分模型读过这些答案：这部分按待评计。',
  'finding.filtered': '主要发现按所选的{filters}计算。',
  'finding.filter.modelIds': '模型',
  'finding.filter.paperVersionIds': '试卷',
  'finding.filter.subjects': '学科',
  'finding.filter.stages': '学段',
  'finding.filter.grades': '年级',
  'finding.runsIgnored': '“评测运行”筛选不作用于主要发现：一轮评测包含哪些运行由轮次决定。',
  'finding.noFindings.filtered': '在所选筛选下，这一轮没有可与学生比较的已评分结果。',
  'finding.section.vsStudents': '与学生平均相比',
  'finding.section.change': '与上一轮相比',
  'finding.section.subjects': '各学科',
  'finding.section.gap': '文强理弱',
  'finding.slice.overall': 'K12 综合（{stages}）',
  'finding.stat.best': '最佳模型（{model}）',
  'finding.stat.median': '中位模型',
  'finding.stat.mean': '模型平均',
  'finding.pp': '{sign}{n} 个百分点',
  'finding.ci': '95% CI {low} 至 {high}',

  'finding.model_vs_students.above':
    '{slice}：{model} 得分率 {modelRate}，高于学生平均 {studentRate}，高出 {diffAbs}（{ci}），是学生均分的 {ratio} 倍。',
  'finding.model_vs_students.below':
    '{slice}：{model} 得分率 {modelRate}，低于学生平均 {studentRate}，低 {diffAbs}（{ci}），是学生均分的 {ratio} 倍。',
  'finding.model_vs_students.tie':
    '{slice}：{model} 得分率 {modelRate}，与学生平均 {studentRate} 无明显差异（差值 {diff}，{ci}，含 0）。',
  'finding.field_vs_students.above':
    '{slice}：{models} 个模型中，{stat}高于学生平均 {diffAbs}（{ci}）。',
  'finding.field_vs_students.below':
    '{slice}：{models} 个模型中，{stat}低于学生平均 {diffAbs}（{ci}）。',
  'finding.field_vs_students.tie':
    '{slice}：{models} 个模型中，{stat}与学生平均无明显差异（{diff}，{ci}，含 0）。',
  'finding.change.model.up':
    '{slice}：与上一轮「{previousRound}」相比，{model} 相对学生的得分上升 {relativeAbs}（{ci}）；与学生的差距由 {diffBefore} 变为 {diffNow}。',
  'finding.change.model.down':
    '{slice}：与上一轮「{previousRound}」相比，{model} 相对学生的得分下降 {relativeAbs}（{ci}）；与学生的差距由 {diffBefore} 变为 {diffNow}。',
  'finding.change.model.tie':
    '{slice}：与上一轮「{previousRound}」相比，{model} 相对学生的得分无明显变化（{relative}，{ci}，含 0）。',
  'finding.change.field.up':
    '{slice}：与上一轮「{previousRound}」相比，{stat}相对学生的得分上升 {relativeAbs}（{ci}）。',
  'finding.change.field.down':
    '{slice}：与上一轮「{previousRound}」相比，{stat}相对学生的得分下降 {relativeAbs}（{ci}）。',
  'finding.change.field.tie':
    '{slice}：与上一轮「{previousRound}」相比，{stat}相对学生的得分无明显变化（{relative}，{ci}，含 0）。',
  'finding.change.no_previous': '这是最早的一轮评测，没有上一轮可比，因此不报告变化。',
  'finding.change.not_comparable': '上一轮「{previousRound}」与本轮没有可通过学生锚定比较的结果。',
  'finding.change.not_comparable.filtered':
    '在所选筛选下，上一轮「{previousRound}」没有可与本轮通过学生锚定比较的结果（例如所选的模型或试卷不在上一轮）。',
  'finding.subject.some_above':
    '{subject}：已有模型高于学生平均（{modelsAbove}）；{model} 高出 {diffAbs}（{ci}）。',
  'finding.subject.none_above':
    '{subject}：没有模型高于学生平均；最好的 {model} 差值 {diff}（{ci}）。',
  'finding.subject.some_above.summary': '已有模型高于学生平均的学科：',
  'finding.subject.none_above.summary': '没有模型高于学生平均的学科：',
  'finding.subjects.details': '各学科的数字与区间',
  'finding.subject.some_above.one': '{subject}：{model} 高于学生平均，高出 {diffAbs}（{ci}）。',
  'finding.subject.none_above.one': '{subject}：{model} 没有高于学生平均（差值 {diff}，{ci}）。',
  'finding.gap.field.most':
    '文强理弱在 {models} 个模型中的 {holds} 个成立（多数）；平均指数 {index}（{ci}）。',
  'finding.gap.field.not_most':
    '文强理弱只在 {models} 个模型中的 {holds} 个成立（不到多数）；平均指数 {index}（{ci}）。',
  'finding.gap.model.holds':
    '{model}：相对学生，文科 {humanitiesDiff}，理科 {sciencesDiff}；文强理弱指数 {index}（{ci}），成立。',
  'finding.gap.model.reverse':
    '{model}：相对学生，文科 {humanitiesDiff}，理科 {sciencesDiff}；指数 {index}（{ci}）为负，是理科相对更强。',
  'finding.gap.model.tie':
    '{model}：相对学生，文科 {humanitiesDiff}，理科 {sciencesDiff}；指数 {index}（{ci}，含 0），文理无明显差别。',
  'finding.gap.unavailable': '本轮缺少文科或理科与学生比较的结果，无法计算文强理弱指数。',
  'finding.gap.unavailable.filtered':
    '所选筛选只留下{present}的结果，没有{missing}可以对比，因此不计算文强理弱指数。',
  'finding.gap.unavailable.filtered.none':
    '所选筛选下没有文科或理科与学生比较的结果，因此不计算文强理弱指数。',

  'report.round': '评测轮次',
  'report.round.latest': '全部运行（发现取最新一轮）',
  'report.round.option': '{name} · {date}',

  'title.rounds': '评测轮次',
  'rounds.title': '评测轮次',
  'rounds.hint':
    '一轮评测把同一时间的运行归在一起（每次运行只属于一轮）；各轮的试卷可以不同，轮次之间通过“相对同卷学生”的得分比较。',
  'rounds.name': '名称',
  'rounds.heldOn': '日期',
  'rounds.notes': '说明',
  'rounds.runs': '运行',
  'rounds.papers': '{n} 份试卷',
  'rounds.create': '新建轮次',
  'rounds.save': '保存',
  'rounds.edit': '编辑',
  'rounds.cancel': '取消',
  'rounds.delete': '删除轮次',
  'rounds.deleteHint': '删除轮次只解除分组，运行、答案和分数都保留。',
  'rounds.empty': '还没有评测轮次。',
  'rounds.inOther': '已在「{round}」',
  'rounds.noRuns': '没有运行',
  'rounds.back': '返回报告',
  'error.round.run_in_other_round': '有运行已在评测轮次「{round}」中：一次运行只属于一轮。',
  'error.round.name_taken': '已有名为「{name}」的评测轮次。',
  'error.round.unknown_run': '找不到这些运行：{runs}',
  'error.round.not_found': '找不到这个评测轮次。',
  'error.round.name_required': '请填写轮次名称。',
} as const;
