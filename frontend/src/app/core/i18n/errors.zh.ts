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
} as const;
