import { expect, test } from '@playwright/test';
import { signIn } from '../support/accounts';

test('a researcher browses the library, reads a maths paper with formulas, and an image paper as a model sees it', async ({ page }) => {
  // step: sign in; the library lists the sample papers with their counts
  await signIn(page, 'researcher');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '试卷库' })).toBeVisible();
  await expect(page.getByRole('link', { name: /2022年.*全国乙卷.*数学/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/library.png', fullPage: false });

  // step: filter by subject and open the maths paper
  await page.getByLabel('搜索标题').fill('数学（理科）');
  await page.getByRole('link', { name: /2022年.*全国乙卷.*数学/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('数学');
  // LaTeX is typeset by KaTeX, not shown as raw dollars
  await expect(page.locator('.katex').first()).toBeVisible();
  await expect(page.getByText('$2 \\in M$')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/paper-math.png', fullPage: false });

  // step: the answer key and the derived rubric show on request
  await page.getByText('显示答案与细则').click();
  await expect(page.getByText('评分细则').first()).toBeVisible();

  // step: an image question, as a person sees it
  await page.goto('/papers');
  await page.getByLabel('搜索标题').fill('物理图像');
  await page.getByRole('link', { name: /物理图像选择题/ }).click();
  const figure = page.locator('article img').first();
  await expect(figure).toBeVisible();
  expect(await figure.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(10);
  await page.screenshot({ path: 'test-results/screens/paper-images.png', fullPage: false });

  // step: switch to the model's view: exact messages with the image inline
  await page.getByRole('radio', { name: '模型看到的' }).click();
  await expect(page.getByText('系统消息').first()).toBeVisible();
  const modelImage = page.getByAltText('image part sent to the model').first();
  await expect(modelImage).toBeVisible();
  expect(await modelImage.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
  await page.screenshot({ path: 'test-results/screens/model-vision.png', fullPage: false });

  // step: a text-only model is warned that it cannot see the images
  await page.getByRole('radio', { name: '纯文本模型' }).click();
  await expect(page.getByRole('alert').first()).toContainText('模型看不到图片');
  await page.screenshot({ path: 'test-results/screens/model-text.png', fullPage: false });

  // step: the interface switches to English
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('radio', { name: 'As the model sees it' })).toBeVisible();
});

test('an author uploads a broken bundle and sees each problem with its file and line', async ({ page }) => {
  const { zipSync, strToU8 } = await import('fflate');
  const bad = zipSync({ 'paper.yaml': strToU8('format: yuejuan/paper@1\nid: bad-paper\ntitle: x\nsubject: astrology\n') });
  await signIn(page, 'author');
  await page.goto('/papers/upload');
  await page.getByLabel('bundle zip').setInputFiles({ name: 'bad.zip', mimeType: 'application/zip', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: '上传' }).first().click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('试卷包被拒绝，未存储任何内容 · 8 处问题');
  // where and what in the UI's language, from the validator's codes: the field, not a JSON path
  await expect(alert.getByRole('row', { name: /paper\.yaml 4 试卷信息 · 学科 只能是：chinese, math/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/upload-errors.png', fullPage: false });
});
