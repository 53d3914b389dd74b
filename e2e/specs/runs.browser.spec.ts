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
