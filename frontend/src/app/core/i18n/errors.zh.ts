/** Chinese wording of the server's error codes that people meet while working (error-text.ts). */
export const ERRORS_ZH = {
  'error.offline': '连不上服务器，请检查网络后重试。',
  'error.password.too_short': '密码至少需要 {min} 个字符。',
  'error.password.too_long': '密码最多 {max} 个字符。',
  'error.password.contains_username': '密码不能包含用户名。',
  'error.password.current_wrong': '当前密码不正确。',
  'error.user.username_taken': '用户名“{username}”已被使用。',
  'error.marking.lease_lost':
    '这份答案已不再分配给你（租约已过期或被其他老师领取），你的评分没有保存。',
  'error.marking.not_assigned': '你没有这道题的阅卷任务。',
  'error.unavailable': '服务器正在重启，请稍后再试。',
  'error.too_many_requests': '请求过于频繁，请稍后再试。',
  'error.internal_error': '服务器出错了，请稍后再试；如果一直出现，请告诉管理员。',
  'error.marking.all_or_nothing': '单选题和判断题只能给 0 分或 {max} 分。',
  'error.paper.newer_version':
    '草稿 v{version} 不是这份试卷的最新版本（最新是 v{newest}），不能发布：请打开 v{newest} 再发布，发布后的版本不能再改。',
  'error.render.unknown_profile': '图像规格“{profile}”不存在，可选：{names}。',
  'error.render.question_not_found': '该题不是这份试卷的大题，无法预览。',
  'error.auth.no_access_rule': '这个接口没有声明访问规则，因此不开放。',
  'error.auth.session_expired': '登录已过期，请重新登录。',
  'error.auth.sign_in_required': '请先登录。',
  'error.auth.csrf_invalid': '页面的安全令牌已失效，请刷新页面后重试。',
  'error.auth.role_required': '这需要以下角色之一：{roles}。',
  'error.user.cannot_demote_self': '不能停用自己，也不能取消自己的管理员角色。',
  'error.user.not_found': '找不到这个用户。',
  'error.paper.not_found': '找不到这份试卷的这个版本。',
  'error.model.not_found': '找不到这个模型。',
  'error.model.name_taken': '已有名为“{name}”的模型。',
  'error.image.not_found': '找不到这张图片，或你无权查看。',
  'error.pdf.not_found': '找不到这个 PDF。',
  'error.about.notice_missing': '本安装缺少 NOTICE 文件。',
  'error.run.papers_missing':
    '所选试卷版本中有 {count} 个不存在（或已删除），请刷新列表后重新选择。',
  'error.run.status_change':
    '这次运行现在不能改为该状态：只有运行中的才能暂停，只有已暂停的才能继续，已完成的不能取消。请刷新查看它的状态。',
  'error.run.not_found': '找不到这次运行。',
} as const;
