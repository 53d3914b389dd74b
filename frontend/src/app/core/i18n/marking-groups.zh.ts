/** Chinese texts of answer groups on the marking screen (identical short answers marked at once). */
export const MARKING_GROUPS_ZH = {
  'marking.groups.toggle': '相同答案合并批阅',
  'marking.groups.on': '合并批阅中',
  'marking.groups.size': '×{n}',
  'marking.groups.sizeLabel': '{n, plural, =1 {1 份作答} other {# 份相同答案}}',
  'marking.groups.explain':
    '以下 {n} 份作答规范化后完全相同（空格、全角、负号写法不同也视为相同），一次评分将为每份各记一次评分。',
  'marking.groups.members': '查看全部 {n} 份',
  'marking.groups.membersHide': '收起',
  'marking.groups.split': '单独批阅',
  'marking.groups.splitDone': '已移出本组，该作答回到逐份批阅队列',
  'marking.groups.saved': '已为 {n} 份作答各记 {points} 分',
  'marking.groups.none': '没有可合并的相同答案了，其余作答逐份批阅',
  'marking.groups.problemSplit': '问题卷请先将该作答移出本组，再单独上报',
  'marking.groups.keys': 'G 切换合并批阅 · E 展开全部 · 评分键同逐份批阅',
  'marking.groups.link': '合并批阅',
} as const;
