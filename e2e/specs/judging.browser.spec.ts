import { expect, test } from '@playwright/test';
import { apiSignIn, signIn } from '../support/accounts';
import { startFakeOpenAI } from '../support/fake-openai';

const SCREENS = process.env.SCREENS ?? 'test-results/screens';

test('a researcher registers a judge, judges the recorded run, and reads its failed judgements in words (zh, en)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // Every fourth judgement does not follow the output contract; the rest give 0 points with a reason.
  const fake = await startFakeOpenAI(30, (_body, n) =>
    n % 4 === 0
      ? '我觉得这份答案大概能得一半分。'
      : JSON.stringify({ applied_items: [], adjustment: 0, total: 0, rationale: '未答到要点' }),
  );
  try {
    await signIn(page, 'researcher');
    // step: the recorded GAOKAO-Bench judge is listed as a judge that cannot be called
    await page.goto('/runs/models');
    await expect(
      page.getByRole('cell', { name: /GPT-4-1106-preview \(GAOKAO-Bench judge\)/ }),
    ).toContainText('评分模型');
    await expect(page.getByText('记录的评分（不可调用）')).toBeVisible();

    // step: register a local judge
    const form = page.getByRole('form', { name: 'register model' });
    await form.getByLabel('名称').fill('Local judge');
    await form.getByLabel('Base URL').fill(fake.url);
    await form.getByLabel('模型 ID').fill('fake-judge');
    await form.getByRole('checkbox', { name: '评分模型（阅卷 AI）' }).check();
    await form.getByRole('button', { name: '注册模型' }).click();
    await expect(page.getByRole('cell', { name: /Local judge/ })).toContainText('评分模型');
    await page.screenshot({ path: `${SCREENS}/judge-models.png` });

    // step: on the recorded run's page, judge its subjective answers
    await page.goto('/runs');
    await page.getByRole('link', { name: /GPT-4-0314.*recorded run/ }).click();
    const panel = page.getByRole('region', { name: '用评分模型评阅本次运行的主观题作答' });
    await panel.getByRole('combobox', { name: '评分模型' }).click();
    await page.getByRole('option', { name: 'Local judge' }).click();
    await panel.getByRole('button', { name: '开始评分' }).click();

    // step: the judge run finishes; failed judgements are counted and listed with their reason in words
    await expect(page.getByText('已完成')).toBeVisible({ timeout: 60_000 });
    const progress = page.getByRole('region', { name: 'Local judge 的进度' });
    await expect(progress).toContainText('已评分');
    await expect(page.getByText('输出无法解析（不符合输出约定）').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '评分失败的作答' })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/judge-run-zh.png`, fullPage: true });

    // step: per question, who may see the judge's reads after their own read; the choice is kept
    const table = page.getByRole('table', { name: '各题 AI 评分给谁看' });
    const first = table.getByRole('combobox').first();
    await expect(first).toHaveValue('hidden');
    await first.selectOption('after_own_read');
    await expect(first).toHaveValue('after_own_read');
    await page.reload();
    await expect(
      page.getByRole('table', { name: '各题 AI 评分给谁看' }).getByRole('combobox').first(),
    ).toHaveValue('after_own_read');
    await page
      .getByRole('table', { name: '各题 AI 评分给谁看' })
      .getByRole('combobox')
      .first()
      .selectOption('hidden');
    expect(fake.count()).toBeGreaterThan(4);

    // step: the same page in English
    await page.getByRole('button', { name: 'English' }).click();
    await expect(
      page.getByText('Output could not be read (does not follow the output contract)').first(),
    ).toBeVisible();
    await expect(page.getByText('Failed judgements').first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/judge-run-en.png`, fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
  } finally {
    await fake.stop();
  }
});

test("the seniors' desk shows the recorded judge's read of a problem answer only once the question allows it", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // step: a teacher flags the recorded answer to 2018 history question 9 as a problem
  const csrf = await apiSignIn(request, 'teacher');
  const questions = await (await request.get('/api/marking/questions')).json();
  const q = questions.find(
    (x: { number: string; paperTitle: string }) =>
      x.number === '9' && /2018.*历史/.test(x.paperTitle),
  );
  expect(q).toBeTruthy();
  const questionId = q.questionId ?? q.id;
  const task = await (
    await request.post(`/api/marking/questions/${questionId}/next`, {
      headers: { 'X-XSRF-TOKEN': csrf },
    })
  ).json();
  // before the teacher's own read: refused, with its reason
  const early = await request.get(`/api/marking/tasks/${task.taskId}/judge`);
  expect(early.status()).toBe(403);
  const flagged = await request.post(`/api/marking/tasks/${task.taskId}/problem`, {
    headers: { 'X-XSRF-TOKEN': csrf },
    data: { leaseToken: task.leaseToken, reason: '需要仲裁' },
  });
  expect(flagged.ok()).toBe(true);

  // step: hidden by default, the desk shows no judge; a researcher lets seniors see it
  await signIn(page, 'senior');
  await page.goto('/marking/senior');
  const item = page.getByRole('region', { name: `case ${task.taskId}` });
  await expect(item).toBeVisible();
  await expect(item.getByRole('complementary', { name: 'AI 阅卷参考' })).toHaveCount(0);
  const res = await apiSignIn(request, 'researcher');
  expect(
    (
      await request.put(`/api/judging/questions/${questionId}/visibility`, {
        headers: { 'X-XSRF-TOKEN': res },
        data: { visibility: 'seniors_only' },
      })
    ).status(),
  ).toBe(200);

  // step: now the desk shows the recorded judge's points and rationale, never its name
  await page.reload();
  const judge = page
    .getByRole('region', { name: `case ${task.taskId}` })
    .getByRole('complementary', { name: /^(AI 阅卷参考|AI judge, for reference)$/ });
  // the recorded judge read it first: AI judge 1, 25 of 25 with GAOKAO-Bench's own rationale
  await expect(judge).toContainText('AI 评分 1');
  await expect(judge).toContainText('25 / 25 分');
  await expect(judge).toContainText('判分理由');
  await expect(judge).not.toContainText('GPT');
  await judge.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/judge-senior-desk-zh.png` });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(judge).toContainText('AI judge 1');
  await page.screenshot({ path: `${SCREENS}/judge-senior-desk-en.png` });
  await page.getByRole('button', { name: '中文' }).click();
});
