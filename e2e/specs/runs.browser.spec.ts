import { expect, test } from '@playwright/test';
import { signIn } from '../support/accounts';
import { startFakeOpenAI } from '../support/fake-openai';

test('a researcher registers a model, runs a paper against it, and watches it finish', async ({ page }) => {
  const fake = await startFakeOpenAI();
  try {
    // step: the recorded GPT-4-0314 run from GAOKAO-Bench is already there
    await signIn(page, 'researcher');
    await page.getByRole('link', { name: '评测运行' }).click();
    await expect(page.getByRole('link', { name: /GPT-4-0314.*recorded run/ })).toBeVisible();

    // step: register a model at the local OpenAI-compatible endpoint
    await page.getByRole('link', { name: '模型', exact: true }).click();
    const form = page.getByRole('form', { name: 'register model' });
    await form.getByLabel('名称').fill('Local fake');
    await form.getByLabel('Base URL').fill(fake.url);
    await form.getByLabel('模型 ID').fill('fake-model');
    await form.getByRole('button', { name: '注册模型' }).click();
    await expect(page.getByRole('cell', { name: 'Local fake' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/models.png' });

    // step: a new run over the 2022 history paper shows the request count before it starts
    await page.goto('/runs/new');
    await page.getByRole('checkbox', { name: /Local fake/ }).check();
    await page.getByRole('checkbox', { name: /2022年.*历史/ }).check();
    await expect(page.getByRole('status')).toContainText('共 14 次请求');
    await page.screenshot({ path: 'test-results/screens/run-new.png' });
    await page.getByRole('button', { name: '开始运行' }).click();

    // step: the run page fills up and finishes; every answer is stored
    const progress = page.getByRole('region', { name: 'progress Local fake' });
    await expect(progress).toContainText('14 / 14', { timeout: 30_000 });
    await expect(page.getByText('已完成')).toBeVisible();
    await expect(page.getByText('【解析】略。').first()).toBeVisible();

    // step: an answer opens on the question exactly as the model received it, then the raw output
    await page.locator('summary').first().click();
    await expect(page.getByText('模型收到的题目')).toBeVisible();
    await expect(page.locator('pre.prompt').first()).toContainText('第1题');
    await expect(page.locator('pre.prompt').first()).toContainText('【答案】');
    await page.screenshot({ path: 'test-results/screens/run-view.png' });
    expect(fake.count()).toBe(14);
  } finally {
    await fake.stop();
  }
});

test('the recorded GPT-4-0314 run is auto-graded: each objective answer shows key, reading, source, score and why', async ({ page }) => {
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '评测运行' }).click();
  await page.getByRole('link', { name: /GPT-4-0314.*recorded run/ }).click();
  await expect(page.getByText('标准答案').first()).toBeVisible();

  // step: every objective answer of the recorded run has a grade with its explanation
  const runId = page.url().split('/').pop();
  const answers = (await (await page.request.get(`/api/runs/${runId}/answers?limit=500`)).json()) as {
    type: string;
    grades: { status: string; explanation: string; method: string }[] | null;
  }[];
  const objective = answers.filter((a) => ['single_choice', 'multiple_choice', 'true_false', 'fill_blank'].includes(a.type));
  expect(objective.length).toBeGreaterThan(80);
  for (const a of objective) {
    expect(a.grades).toHaveLength(1);
    expect(a.grades![0].explanation).not.toBe('');
  }
  const statuses = new Set(objective.map((a) => a.grades![0].status));
  expect(statuses).toContain('correct');
  expect(statuses).toContain('wrong');
  await expect(page.locator('yj-answer-grade .chip', { hasText: '正确' }).first()).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screens/run-graded.png' });

  // step: the unparsed filter shows only answers a teacher must read
  await page.getByRole('button', { name: '无法识别', exact: true }).click();
  await expect(page.getByRole('button', { name: '无法识别', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const unparsed = objective.filter((a) => a.grades![0].status === 'unparsed').length;
  await expect(page.locator('tbody tr')).toHaveCount(
    unparsed + answers.filter((a) => a.grades?.some((g) => g.status === 'unparsed') && !objective.includes(a)).length,
  );
  await page.screenshot({ path: 'test-results/screens/run-unparsed.png' });

  // step: a re-grade with nothing changed reports it
  await page.getByRole('button', { name: '按当前答案重新评分' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已重新评分' })).toContainText('0 份有变化');
});
