import { expect, Page, test } from '@playwright/test';
import { signIn } from '../support/accounts';

test('a researcher browses the library, reads a maths paper with formulas, and an image paper as a model sees it', async ({
  page,
}) => {
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

test('an author uploads a broken bundle and sees each problem with its file and line', async ({
  page,
}) => {
  const { zipSync, strToU8 } = await import('fflate');
  const bad = zipSync({
    'paper.yaml': strToU8('format: yuejuan/paper@1\nid: bad-paper\ntitle: x\nsubject: astrology\n'),
  });
  await signIn(page, 'author');
  await page.goto('/papers/upload');
  // The file pickers are worded by the app (Chromium words its own in the browser's language).
  await expect(page.getByText('浏览…').first()).toBeVisible();
  await expect(page.getByText('未选择文件').first()).toBeVisible();
  await page
    .getByLabel('bundle zip')
    .setInputFiles({ name: 'bad.zip', mimeType: 'application/zip', buffer: Buffer.from(bad) });
  await expect(page.getByText('bad.zip', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '上传' }).first().click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('试卷包被拒绝，未存储任何内容 · 8 处问题');
  // where and what in the UI's language, from the validator's codes: the field, not a JSON path
  await expect(
    alert.getByRole('row', { name: /paper\.yaml 4 试卷信息 · 学科 只能是：chinese, math/ }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/upload-errors.png', fullPage: false });
  // an author with a Word paper finds the way in from here too
  await page.getByTestId('upload-word').getByRole('link', { name: '从 Word 或 PDF 导入' }).click();
  await expect(page).toHaveURL(/\/papers\/new$/);
});

/** Opens a Material select by its label (its floating label may cover the trigger's centre). */
const openSelect = (page: Page, label: string) =>
  page
    .locator('mat-form-field')
    .filter({ has: page.getByRole('combobox', { name: label }) })
    .click();

test('a researcher filters the library by stage and grade, reads a primary paper, and the about page names every dataset', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'researcher');
  await page.goto('/papers');
  const rows = page.locator('tr.mat-mdc-row');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();

  // step: 小学 narrows the grades to 1–6 and the library to primary papers, fewer than all
  await openSelect(page, '学段');
  await page.getByRole('option', { name: '小学' }).click();
  await expect(rows.first()).toContainText('小学');
  await expect.poll(() => rows.count()).toBeLessThan(all);
  for (const text of await rows.allInnerTexts()) expect(text).toContain('小学 ·');
  await openSelect(page, '年级');
  await expect(page.getByRole('option', { name: '7 年级' })).toHaveCount(0);
  await page.getByRole('option', { name: '3 年级' }).click();

  // step: grade 3 is the CMATH paper alone
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('小学三年级数学应用题（CMATH）');
  await expect(rows.first()).toContainText('小学 · 3 年级');
  await expect(page.getByText('共 1 套试卷')).toBeVisible();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/library-primary-grade-3.png' });

  // step: a junior grade outside 小学 is cleared when the stage changes to 初中
  await openSelect(page, '学段');
  await page.getByRole('option', { name: '初中' }).click();
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
  for (const text of await rows.allInnerTexts()) expect(text).toContain('初中 ·');
  await expect(page.getByRole('link', { name: /竞赛风格/ }).first()).toBeVisible();

  // step: the primary paper renders: a word problem with its blank, provenance in the source line
  await openSelect(page, '学段');
  await page.getByRole('option', { name: '小学' }).click();
  await openSelect(page, '年级');
  await page.getByRole('option', { name: '3 年级' }).click();
  await page.getByRole('link', { name: '小学三年级数学应用题（CMATH）' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('小学三年级数学应用题');
  await expect(page.getByText(/（填写数值）/).first()).toBeVisible();
  await expect(page.getByText('CMATH').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/paper-primary-grade-3.png' });

  // step: the same filters in English
  await page.goto('/papers');
  await page.getByRole('button', { name: 'English' }).click();
  await openSelect(page, 'Stage');
  await page.getByRole('option', { name: 'Primary' }).click();
  await openSelect(page, 'Grade');
  await page.getByRole('option', { name: 'Grade 3' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Primary · Grade 3');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/library-primary-grade-3-en.png' });

  // step: the about page, from the header, lists every shipped dataset with its licence (English frame)
  await page.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About Yuejuan' })).toBeVisible();
  const notice = page.getByTestId('notice');
  for (const [name, licence] of [
    ['GAOKAO-Bench', 'Apache-2.0'],
    ['GAOKAO-MM', 'Apache-2.0'],
    ['CMATH', 'CC BY 4.0'],
    ['E-EVAL', 'Apache-2.0'],
    ['TAL-SCQ5K-CN', 'MIT'],
  ])
    await expect(notice).toContainText(
      new RegExp(
        `${name}\\n\\s+Source / 来源: \\S+ @ [0-9a-f]{40}\\n\\s+Licence / 许可: ${licence}`,
      ),
    );
  await expect(page.getByText(/licensed under MIT/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/about-en.png' });

  // step: and in Chinese
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '关于阅卷' })).toBeVisible();
  await expect(page.getByText('许可与数据来源（NOTICE）')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/about-zh.png' });
});

test('the library keeps stage and grade in the URL, counts the papers of each grade, orders CMATH by grade and names 道德与法治', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'researcher');
  await page.goto('/papers');
  const rows = page.locator('tr.mat-mdc-row');
  await expect(rows.first()).toBeVisible();

  // step: 高中 offers its three grades with their counts; 10 and 11 have no papers and are greyed
  await openSelect(page, '学段');
  await expect(page.getByRole('option', { name: /^高中（\d+）$/ })).toBeVisible();
  await page.getByRole('option', { name: /^高中/ }).click();
  await expect(page).toHaveURL(/\/papers\?stage=senior$/);
  await openSelect(page, '年级');
  await expect(page.getByRole('option', { name: '10 年级（0）' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await expect(page.getByRole('option', { name: '11 年级（0）' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  const twelve = page.getByRole('option', { name: /^12 年级（\d+）$/ });
  await expect(twelve).not.toHaveAttribute('aria-disabled', 'true');
  await page.screenshot({ path: 'test-results/screens/library-senior-grades.png' });
  await page.keyboard.press('Escape');

  // step: 小学: the six CMATH papers run from grade 1 to grade 6
  await openSelect(page, '学段');
  await page.getByRole('option', { name: /^小学/ }).click();
  await expect(page).toHaveURL(/\/papers\?stage=primary$/);
  const cmath = page.locator('tr.mat-mdc-row a.title', { hasText: 'CMATH' });
  await expect(cmath).toHaveCount(6);
  expect(await cmath.allInnerTexts()).toEqual(
    ['一', '二', '三', '四', '五', '六'].map((g) => `小学${g}年级数学应用题（CMATH）`),
  );

  // step: 道德与法治 is called so in the library (reported with politics by design)
  const ethics = rows.filter({ hasText: '小学道德与法治选择题（E-EVAL）' });
  await expect(ethics.locator('td').nth(1)).toHaveText('道德与法治');
  await page.screenshot({ path: 'test-results/screens/library-primary-order.png' });

  // step: grade 3 goes into the URL; a reload keeps it
  await openSelect(page, '年级');
  await page.getByRole('option', { name: /^3 年级（1）$/ }).click();
  await expect(page).toHaveURL(/\/papers\?stage=primary&grade=3$/);
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('小学三年级数学应用题（CMATH）');
  await expect(page.getByRole('combobox', { name: '年级' })).toContainText('3 年级');

  // step: Back returns to all of 小学, Forward to grade 3 again
  await page.goBack();
  await expect(page).toHaveURL(/\/papers\?stage=primary$/);
  await expect(cmath).toHaveCount(6);
  await page.goForward();
  await expect(rows).toHaveCount(1);

  // step: a link with the filters opens them; politics below senior high reads 道德与法治, Gaokao politics 政治
  await page.goto('/papers?stage=junior&subject=politics');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').nth(1)).toHaveText('道德与法治');
  await page.goto('/papers?stage=senior&subject=politics');
  await expect(rows.first().locator('td').nth(1)).toHaveText('政治');

  // step: in English
  await page.goto('/papers?stage=primary');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(ethics.locator('td').nth(1)).toHaveText('Morality and Law');
  await openSelect(page, 'Subject');
  await expect(page.getByRole('option', { name: 'Politics · Morality and Law' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.goto('/papers?stage=senior');
  await openSelect(page, 'Grade');
  await expect(page.getByRole('option', { name: 'Grade 10 (0)' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await page.screenshot({ path: 'test-results/screens/library-senior-grades-en.png' });
  await page.keyboard.press('Escape');
  await page.goto('/papers?stage=primary');
  await expect(cmath.first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/library-primary-order-en.png' });
  await page.getByRole('button', { name: '中文' }).click();
});

test('the about page keeps the navigation for a signed-in user, opened directly or reloaded', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'researcher');
  const nav = page.getByRole('navigation', { name: 'Main' });
  // step: a full load of /about, signed in: the shell with its navigation
  await page.goto('/about');
  await expect(page.getByRole('heading', { name: '关于阅卷' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '试卷', exact: true })).toBeVisible();
  await expect(page.getByText(/模拟模型 yuejuan-sim-k12/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/about-signed-in-zh.png' });
  await page.reload();
  await expect(nav.getByRole('link', { name: '试卷', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(nav.getByRole('link', { name: 'Papers', exact: true })).toBeVisible();
  await expect(page.getByText(/simulated model yuejuan-sim-k12/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/about-signed-in-en.png' });
  // step: signed out, the page is still open to anyone, without the navigation
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/about');
  await expect(page.getByRole('heading', { name: 'About Yuejuan' })).toBeVisible();
  await expect(nav).toHaveCount(0);
  await page.getByRole('button', { name: '中文' }).click();
});
