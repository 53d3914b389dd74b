/**
 * Chinese wording of the grader's codes (backend grading/domain/explain.ts holds the English of
 * record): why an objective answer was read and scored as it was, with the parameters the server sends.
 */
export const GRADING_ZH = {
  'grade.reason.score.correct': '{answer}，与答案一致',
  'grade.reason.score.wrong': '作答 {answer}，答案是 {key}',
  'grade.reason.score.several': '单选题选了 {answer}；答案是 {key}',
  'grade.reason.score.not-in-key': '{wrong} 不在答案 {key} 中',
  'grade.reason.score.partial': '{answer} 是答案 {key} 的一部分，按 {rule} 计分',
  'grade.reason.score.blanks': '{of} 空中对 {correct} 空',
  'grade.reason.score.blanks-undecided':
    '{of} 空中对 {correct} 空；第 {blanks} 空无法按规则比较，交老师评',
  'grade.reason.score.blank-match': '与 {key} 一致（{how}）',
  'grade.reason.score.blank-differs': '与 {keys} 不相等',
  'grade.reason.score.blank-undecidable': '无法按规则判断是否等于 {keys}（{why}），交老师评',
  'grade.reason.score.composite': '{of} 个小题中对 {correct} 个',
  'grade.reason.unparsed.empty-answer': '答案为空',
  'grade.reason.unparsed.no-answer': '没有找到答案',
  'grade.reason.unparsed.no-letter': '答案中没有选项字母',
  'grade.reason.unparsed.no-letters': '答案中没有选项字母',
  'grade.reason.unparsed.illegal-option': '选项 {letters} 不存在',
  'grade.reason.unparsed.names-options': '答案提到了 {letters}',
  'grade.reason.unparsed.option-listing': '答案复述了各选项，没有作出选择',
  'grade.reason.unparsed.several-named': '提到了多个选项（{letters}）',
  'grade.reason.unparsed.text-matches-several': '文字与多个选项相符（{options}）',
  'grade.reason.unparsed.not-true-false': '“{text}”不是判断题的回答',
  'grade.reason.unparsed.blank-count': '{blanks} 个空给出了 {found} 个答案',
  'grade.reason.unparsed.negated': '答案只排除了 {letters}，没有选定',
  'grade.reason.unparsed.alternatives': '答案给出多个可能（{letters}），不是一个答案',
  'grade.reason.unparsed.two-answers':
    '作答先后给出两个答案：{earlier}（{earlierRule}）与 {final}（{finalRule}），前者未被收回',
  'grade.reason.unparsed.cut-at-answer':
    '作答在答案处被截断（结束原因 {finishReason}），答案可能不完整',
  'grade.reason.unparsed.composite-missing': '第 {number} 小题没有标注的答案',
  'grade.reason.unparsed.type': '{type} 不按单一区域评分',
  'grade.reason.unparsed.llm-none': '规则未能读出，LLM 抽取器也没有找到答案',
  'grade.reason.not-scored.empty': '空回答：模型没有作答',
  'grade.reason.not-scored.cut-in-reasoning':
    '在推理过程中被截断（<think> 未闭合，{chars} 字）：推理过程不评分',
  'grade.reason.not-scored.cut-off': '在给出答案前被截断（结束原因 {finishReason}）',
  'grade.reason.not-scored.not-applicable': '图片题交给了纯文本模型',
  'grade.reason.not-scored.no-answer': '没有作答：出错或拒答',
  'grade.step.clean.reasoning-dropped': '推理过程（{chars} 字）已去掉，不评分',
  'grade.step.clean.reasoning-unclosed': '未闭合的 <think>（{chars} 字）按推理去掉',
  'grade.step.region.found': '从 {rule} 读出“{text}”',
  'grade.step.region.retracted':
    '{earlier}（{earlierRule}）已收回（“{cue}”）；最终为 {final}（{finalRule}）',
  'grade.step.region.passed-over': '跳过“{text}”（{rule}）',
  'grade.step.region.llm': '由 LLM 抽取器 {model} 读出：“{output}”',
  'grade.step.region.cut-off': '答案后被截断（结束原因 {finishReason}）',
  'grade.step.read.sentence-end': '答案止于其句子“{kept}”；“{dropped}”是解释',
  'grade.step.read.ruled-out': '{letters} 只是被排除',
  'grade.step.read.option-text': '作答是选项 {label} 的原文',
  'grade.step.read.labelled-blanks': '按标号读出 {count} 个空',
  'grade.withSteps': '{decision}（{steps}）',
  'grade.stepJoin': '；',
} as const;
