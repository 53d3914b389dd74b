/** The about page, and the library's stage and grade filters that came with the samples below grade 12. */
export const ABOUT_ZH = {
  'title.about': '关于',
  'nav.about': '关于',
  'about.title': '关于阅卷',
  'about.intro':
    '阅卷是面向中小学（K12）试卷的开源阅卷工作台。本项目自有代码以 {licence} 许可证发布；随附的样卷来自下列公开数据集，各自遵循其许可证。',
  'about.noticeHeading': '许可与数据来源（NOTICE）',
  'about.noticeNote':
    '以下内容即仓库根目录的 NOTICE 文件原文（中英对照）。每道样题都记录了数据集、提交、文件与序号。',
  'about.synthetic':
    '样卷没有真实学生数据：演示中的学生群体均为合成数据（IRT 模型），并标注为合成。',
  'about.loadFailed': '无法读取 NOTICE。',
  'papers.filter.stage': '学段',
  'papers.col.grade': '学段 · 年级',
  'about.simulated':
    '小学与初中样卷的模型答案是模拟的（模拟模型 yuejuan-sim-k12）：由脚本按公开的总体正确率抽取，不是任何模型写的。',
  'library.optionCount': '{label}（{n}）',
  'library.subject.ethics': '道德与法治',
  'library.subject.politicsFilter': '政治 · 道德与法治',
} as const;
