import { expect, request as playwrightRequest, test } from '@playwright/test';
import { apiSignIn, signIn } from '../support/accounts';

/**
 * As the researcher: an answer the grader cannot read to an objective question that has no queue
 * yet (so nobody is assigned to it), and that question.
 */
async function unparsedObjectiveAnswer(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const adminCsrf = await apiSignIn(api, 'admin');
  const papers = (await (await api.get('/api/papers')).json()) as { id: string; title: string }[];
  const paper = papers.find((p) => /2022年.*数学/.test(p.title))!;
  const { questions } = await (
    await api.get(`/api/admin/assignments/questions?paperVersionId=${paper.id}`)
  ).json();
  const target = (
    questions as { id: string; number: string; isObjective: boolean; total: number }[]
  ).find((q) => q.isObjective && q.total === 0)!;
  expect(adminCsrf).toBeTruthy();
  const csrf = await apiSignIn(api, 'researcher');
  const line = JSON.stringify({
    paper: paper.id,
    question: target.number,
    model: 'e2e-admin',
    sample: 0,
    response: '这题我不太确定',
  });
  const imported = await api.post('/api/runs/import', {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: {
      file: { name: 'a.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(line) },
    },
  });
  expect(imported.status()).toBe(201);
  await apiSignIn(api, 'admin');
  await expect
    .poll(
      async () =>
        (
          (await (await api.get('/api/admin/assignments/unassigned')).json()) as {
            questionId: string;
          }[]
        ).length,
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThan(0);
  await api.dispose();
  return { paper, question: target };
}

test('an unparsed objective answer is assigned from the admin page to a new teacher, who marks it; the audit log says so in words', async ({
  page,
  baseURL,
}) => {
  const { paper, question } = await unparsedObjectiveAnswer(baseURL!);

  // step: a new teacher; giving them the senior role is confirmed in a dialog that says what changes
  await signIn(page, 'admin');
  await page.getByRole('link', { name: '用户' }).click();
  const form = page.getByRole('form', { name: 'create user' });
  await form.getByLabel('用户名').fill('zhao.t');
  await form.getByLabel('姓名').fill('赵老师');
  await form.getByLabel('初始密码').fill('zhao-marks-maths');
  await form.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByRole('cell', { name: 'zhao.t', exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'zhao.t：仲裁组长' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('更改 赵老师 (zhao.t) 的角色？');
  await expect(dialog).toContainText('添加：仲裁组长');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('checkbox', { name: 'zhao.t：仲裁组长' })).not.toBeChecked();

  // step: the assignment page names the question waiting with nobody assigned; one click opens its paper with it picked
  await page.getByRole('link', { name: '阅卷分配' }).click();
  const waiting = page.getByRole('region', { name: '有答案待阅、却无人负责的题目' });
  await waiting
    .getByRole('button', { name: new RegExp(`第 ${question.number} 题 · 1 份待阅`) })
    .click();
  const table = page.getByRole('table', { name: '题目' });
  const row = table.getByRole('row').filter({ hasText: `第 ${question.number} 题` });
  await expect(row).toContainText('客观题：只有机器无法识别的作答');
  await expect(row).toContainText('无人负责');
  await expect(row.getByRole('checkbox')).toBeChecked();
  await page.getByRole('combobox', { name: '阅卷教师（可多选）' }).click({ force: true });
  await page.getByRole('option', { name: /赵老师/ }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '分配 1 位教师到 1 道题' }).click();
  await expect(page.getByRole('status')).toContainText('新增 1 项');
  await expect(row).toContainText('赵老师');
  await expect(row).toBeInViewport();
  await expect(waiting).toContainText('所有待阅的答案都有教师负责。');
  await page.screenshot({ path: 'test-results/screens/admin-assignments.png' });

  // step: signing out goes to sign-in without "session expired"
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText('登录已过期')).toHaveCount(0);

  // step: the teacher marks the answer (score mode: a digit, then Enter)
  await signIn(page, 'zhao.t', 'zhao-marks-maths');
  await page.goto(`/marking/${question.id}`);
  await expect(page.getByText('这题我不太确定')).toBeVisible();
  await page.keyboard.press('0');
  await page.keyboard.press('Enter');
  await expect(page.getByText('这题我不太确定')).toHaveCount(0);
  await page.getByRole('button', { name: '退出' }).click();

  // step: now that it has a mark, double marking for this question is refused until re-resolution is confirmed
  await signIn(page, 'admin');
  await page.getByRole('link', { name: '阅卷分配' }).click();
  await page.getByRole('combobox', { name: '试卷' }).click({ force: true });
  await page.getByRole('option', { name: paper.title }).click();
  await row.getByRole('button', { name: `更改第 ${question.number} 题的评卷方式` }).click();
  const modeDialog = page.getByRole('dialog');
  await modeDialog.getByRole('radio', { name: /双评/ }).check();
  await modeDialog.getByLabel('允许误差（分）').fill('1');
  await modeDialog.getByRole('button', { name: '保存' }).click();
  await expect(modeDialog.getByRole('alert')).toContainText('已有 1 份答案被评过（1 次评分）');
  await expect(modeDialog.getByRole('button', { name: '保存' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/admin-mode-refused.png' });
  await modeDialog.getByRole('checkbox', { name: '按新方式重新判定已评的答案' }).check();
  await modeDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('重新判定 1 份已评答案');
  await expect(row).toContainText('双评 · 误差 1 分');
  await expect(row).toContainText('界面设置');

  // step: the audit log shows the mark, the assignment and the mode change in words, with names and no UUIDs
  await page.getByRole('link', { name: '审计日志' }).click();
  const mark = page.getByRole('row').filter({ hasText: '评分（第一评）' }).first();
  await expect(mark).toContainText('赵老师 (zhao.t)');
  await expect(mark).toContainText(`${paper.title} 第 ${question.number} 题`);
  await expect(mark).toContainText('分数：0');
  const assigned = page.getByRole('row').filter({ hasText: '分配阅卷题目' }).first();
  await expect(assigned).toContainText(`题目：${paper.title} 第 ${question.number} 题`);
  await expect(page.getByRole('row').filter({ hasText: '设置评卷方式' }).first()).toContainText(
    '评卷方式：跟随上一级 → 双评',
  );
  const text = (await page.getByRole('table').textContent()) ?? '';
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
  expect(text).not.toContain('assignment_add');
  await page.screenshot({ path: 'test-results/screens/admin-audit-words.png' });

  // step: in English the page title, <html lang> and the log follow
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveTitle('Audit log · Yuejuan');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await expect(
    page.getByRole('row').filter({ hasText: 'Marked (first read)' }).first(),
  ).toContainText(`${paper.title}, Q${question.number}`);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page).toHaveTitle('审计日志 · 阅卷');
});
