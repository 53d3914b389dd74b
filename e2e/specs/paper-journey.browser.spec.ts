import { expect, Locator, Page, test } from '@playwright/test';
import { join } from 'node:path';
import { signIn } from '../support/accounts';
import { startFakeOpenAI } from '../support/fake-openai';

/**
 * Issue 17's journey, from a Word file to a published paper a model has answered: an author brings
 * in the shipped .docx, fixes what intake got wrong, crops a figure from the shipped PDF onto a
 * question, publishes; a researcher runs the paper against a local fake model and reads it both
 * ways. Runs after paper-editor.browser.spec.ts (file order): it publishes a paper of its own.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const SAMPLES = join(__dirname, '../../exam-papers/intake-samples');
const TITLE = '2022年全国乙卷历史（教研组校对版）';

/**
 * Drags a rectangle on the page image: x as fractions of its width, y as fractions of the part of
 * it the author can see (the page is taller than the screen; the tool bar stays over its top).
 */
async function dragOn(page: Page, img: Locator, from: [number, number], to: [number, number]) {
  await img.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const b = (await img.boundingBox())!;
  const [top, bottom] = await img.evaluate(
    (el, x) => {
      const ys: number[] = [];
      for (let y = 0; y < window.innerHeight; y += 2)
        if (document.elementFromPoint(x, y) === el) ys.push(y);
      return [ys[0], ys[ys.length - 1]];
    },
    b.x + b.width / 2,
  );
  const band = bottom - top;
  await page.mouse.move(b.x + b.width * from[0], top + band * from[1]);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * to[0], top + band * to[1], { steps: 6 });
  await page.mouse.up();
}

test('an author brings in the sample Word paper, fixes a wrongly split question, crops a figure from the PDF, publishes; a researcher runs it and reads both views', async ({
  page,
  browser,
}) => {
  // step: the author uploads the shipped history .docx in a new paper
  await signIn(page, 'author');
  await page.goto('/papers');
  await page.getByRole('link', { name: '+ 新建试卷' }).click();
  // The editor is a focus mode: no navigation column, the three panes use the width.
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page
    .getByLabel('从 Word / PDF 导入')
    .setInputFiles(join(SAMPLES, 'gaokao-2022-national-b-history.docx'));
  await expect(
    page.getByText(/已从 gaokao-2022-national-b-history\.docx 识别出 14 道题/),
  ).toBeVisible();
  const problems = page.getByRole('region', { name: '需要修改的地方' });
  // Intake split question 3 wrongly: its options C and D stayed glued to B, so its key D names nothing.
  const keyProblem = problems.getByRole('button', { name: /第3题\s*答案：.*D/ });
  await expect(keyProblem).toBeVisible();

  // step: the paper gets its own id, a title and the licence intake never guesses
  await page.getByLabel('试卷标识', { exact: true }).fill('gaokao-2022-history-checked');
  await page.getByLabel('标题', { exact: true }).fill(TITLE);
  await page.getByLabel('许可', { exact: true }).fill('Apache-2.0');

  // step: question 3's options are split again: B keeps its own text, C and D are added
  await keyProblem.click();
  const q3 = page.getByRole('region', { name: '第3题' });
  const optionB = q3.getByLabel('选项 B', { exact: true });
  await expect(optionB).toHaveValue(/初现16C．士农工商/);
  await optionB.fill('世俗化审美趣味的初现');
  await q3.getByRole('button', { name: /添加选项/ }).click();
  await q3.getByLabel('选项 C', { exact: true }).fill('士农工商社会结构解体');
  await q3.getByRole('button', { name: /添加选项/ }).click();
  await q3.getByLabel('选项 D', { exact: true }).fill('江南市镇工商业的繁荣');
  await expect(q3.getByLabel('答案', { exact: true })).toHaveValue('D');
  await expect(page.getByText('校验通过，可以保存')).toBeVisible();
  const preview = page.getByRole('article', { name: 'Q3' });
  await expect(preview).toContainText('江南市镇工商业的繁荣');
  await expect(preview).toContainText('答案：D');

  // step: a mistyped key on question 1 is caught at once, in words, and put right; the preview follows
  await page
    .getByRole('navigation', { name: '目录' })
    .getByRole('button', { name: /^第1题/ })
    .click();
  const q1Key = page.getByRole('region', { name: '第1题' }).getByLabel('答案', { exact: true });
  const original = await q1Key.inputValue();
  await q1Key.fill('E');
  await expect(
    problems.getByRole('button', { name: /第1题\s*答案：\s*答案“E”中的选项 E 不存在/ }),
  ).toBeVisible();
  await q1Key.fill(original);
  await expect(page.getByText('校验通过，可以保存')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Q1' })).toContainText(`答案：${original}`);

  // step: the crop tool: the sample PDF uploaded from inside the editor, its pages shown
  await page.getByRole('button', { name: '从 PDF 截取题图' }).click();
  const tool = page.getByRole('region', { name: '从 PDF 截取题图' });
  await tool
    .getByLabel('上传 PDF')
    .setInputFiles(join(SAMPLES, 'gaokao-2022-national-b-history.pdf'));
  const area = tool.getByRole('group', { name: /gaokao-2022-national-b-history\.pdf 第 1 页/ });
  const pageImage = area.locator('img');
  await expect(pageImage).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => pageImage.evaluate((i: HTMLImageElement) => i.naturalWidth))
    .toBeGreaterThan(1000);
  await expect(tool.getByRole('combobox', { name: '题目' })).toHaveValue('0-0-');

  // step: a rectangle dragged on page 1, nudged by keyboard; its size in page pixels is shown
  await tool.getByRole('combobox', { name: '题目' }).selectOption({ label: '第3题' });
  await dragOn(page, pageImage, [0.08, 0.1], [0.9, 0.9]);
  const size = tool.getByText(/选区 \d+ × \d+ 像素/);
  await expect(size).toBeVisible();
  const [w0, h0] = (await size.textContent())!.match(/\d+/g)!.map(Number);
  // The page shows at about half its render: a drag across 82% of it is several hundred pixels.
  expect(w0).toBeGreaterThan(800);
  await area.press('Shift+ArrowRight');
  await area.press('Shift+ArrowRight');
  await expect(size).toHaveText(`选区 ${Math.min(w0 + 20, 1190)} × ${h0} 像素`);
  await page.screenshot({ path: 'test-results/screens/crop-tool.png' });

  // step: the crop goes to question 3's stem: in the tool's image strip and in the preview at once
  await tool.getByRole('button', { name: '截取并放到 第3题 · 题干' }).click();
  await expect(tool.getByRole('status')).toHaveText(/已把截图（\d+ × \d+ 像素）放到第3题 · 题干/);
  await expect(
    tool.getByRole('group', { name: '第3题 · 题干的图片' }).locator('img'),
  ).toBeVisible();
  const figure = page.getByRole('article', { name: 'Q3' }).locator('img').first();
  await expect(figure).toBeVisible();
  await expect
    .poll(() => figure.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/screens/crop-tool-assigned.png' });

  // step: the crop tool in English
  await page.getByRole('button', { name: 'English' }).click();
  const toolEn = page.getByRole('region', { name: 'Crop figures from a PDF' });
  await expect(toolEn.getByRole('status')).toHaveText(
    /Crop \(\d+ × \d+ px\) added to Question 3 · Stem/,
  );
  await expect(toolEn.getByRole('button', { name: 'Crop into Question 3 · Stem' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/crop-tool-en.png' });
  await page.getByRole('button', { name: '中文' }).click();

  // step: back in the form, question 3's images hold the crop; the draft is saved and published
  await page.getByRole('button', { name: '回到表单' }).first().click();
  await expect(page.getByRole('region', { name: '第3题' }).locator('figure img')).toHaveCount(1);
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存为草稿 v1' })).toBeVisible();
  await page.getByRole('button', { name: '发布草稿 v1' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已发布 v1' })).toBeVisible();

  // step: a researcher runs the published paper against a local fake model
  const fake = await startFakeOpenAI();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  const r = await context.newPage();
  try {
    await signIn(r, 'researcher');
    await r.getByRole('link', { name: '模型', exact: true }).click();
    const form = r.getByRole('form', { name: 'register model' });
    await form.getByLabel('名称').fill('Journey fake');
    await form.getByLabel('Base URL').fill(fake.url);
    await form.getByLabel('模型 ID').fill('fake-journey');
    await form.getByRole('button', { name: '注册模型' }).click();
    await expect(r.getByRole('cell', { name: 'Journey fake' })).toBeVisible();
    await r.goto('/runs/new');
    await r.getByRole('checkbox', { name: /Journey fake/ }).check();
    await r.getByRole('checkbox', { name: new RegExp(TITLE.replace(/[()（）]/g, '.')) }).check();
    await r.getByRole('button', { name: '开始运行' }).click();
    await expect(r.getByText('已完成')).toBeVisible({ timeout: 60_000 });
    expect(fake.count()).toBeGreaterThan(0);

    // step: the published paper as a student sees it: the cropped figure on question 3
    await r.goto('/papers');
    await r.getByLabel('搜索标题').fill('教研组校对版');
    await r.getByRole('link', { name: TITLE }).click();
    await expect(r.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    const q3View = r.getByRole('article', { name: 'Q3' });
    await expect(q3View).toContainText('江南市镇工商业的繁荣');
    const published = q3View.locator('img').first();
    await expect(published).toBeVisible();
    await expect
      .poll(() => published.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(100);
    await q3View.scrollIntoViewIfNeeded();
    await r.screenshot({ path: 'test-results/screens/journey-person-view.png' });

    // step: as the model receives it: the exact messages, the figure inline in the vision message
    await r.getByRole('radio', { name: '模型看到的' }).click();
    const prompt = r.getByRole('article', { name: 'model prompt 3' });
    await expect(prompt).toContainText('用户消息');
    await expect(prompt).toContainText('江南市镇工商业的繁荣');
    const sent = prompt.getByAltText('image part sent to the model');
    await expect(sent).toBeVisible();
    expect(await sent.getAttribute('src')).toMatch(/^data:image\/(jpeg|png);base64,/);
    await sent.scrollIntoViewIfNeeded();
    await r.screenshot({ path: 'test-results/screens/journey-model-view.png' });
  } finally {
    await context.close();
    await fake.stop();
  }
});

test('the crop tool on the Word maths paper: formulas typeset beside it, a crop on an option, a bad rectangle refused in both languages', async ({
  page,
}) => {
  await signIn(page, 'author');
  await page.goto('/papers/new');
  await page.getByRole('button', { name: 'gaokao-2022-national-b-math.docx' }).click();
  await expect(
    page.getByText(/已从 gaokao-2022-national-b-math\.docx 识别出 16 道题/),
  ).toBeVisible();
  await page
    .getByRole('navigation', { name: '目录' })
    .getByRole('button', { name: /^第5题/ })
    .click();
  // The person's view typesets the Word equations with KaTeX; no LaTeX source shows.
  const q5 = page.getByRole('article', { name: 'Q5' });
  await expect(q5.locator('.katex').first()).toBeVisible();
  await expect(q5).not.toContainText('\\sqrt');

  // step: the PDF uploaded earlier is in the list to come back to
  await page.getByRole('button', { name: '从 PDF 截取题图' }).click();
  const tool = page.getByRole('region', { name: '从 PDF 截取题图' });
  await tool.getByRole('combobox', { name: '已上传的 PDF' }).click();
  await expect(
    page.getByRole('option', { name: /gaokao-2022-national-b-history\.pdf · \d+ 页/ }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await tool.getByLabel('上传 PDF').setInputFiles(join(SAMPLES, 'gaokao-2022-national-b-math.pdf'));
  const area = tool.getByRole('group', { name: /gaokao-2022-national-b-math\.pdf 第 1 页/ });
  await expect(area.locator('img')).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => area.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth))
    .toBeGreaterThan(1000);
  await expect(tool.getByRole('combobox', { name: '题目' })).toHaveValue('0-4-');

  // step: by keyboard only: arrows make and move a selection, which goes to option B of question 5
  await area.focus();
  await area.press('ArrowDown');
  await expect(tool.getByText(/选区 \d+ × \d+ 像素/)).toBeVisible();
  await tool.getByRole('combobox', { name: '放到' }).selectOption({ label: '选项 B' });
  await tool.getByRole('button', { name: '截取并放到 第5题 · 选项 B' }).click();
  await expect(tool.getByRole('status')).toContainText('放到第5题 · 选项 B');
  await expect(q5.locator('img')).toHaveCount(1);

  // step: a rectangle the mouse barely moved is refused with the reason, in Chinese then English
  await dragOn(page, area.locator('img'), [0.5, 0.5], [0.502, 0.502]);
  await tool.getByRole('button', { name: /截取并放到/ }).click();
  await expect(tool.getByRole('alert')).toHaveText(/选区太小（\d+ × \d+ 像素）：每边至少 8 像素/);
  await page.getByRole('button', { name: 'English' }).click();
  await page
    .getByRole('region', { name: 'Crop figures from a PDF' })
    .getByRole('button', { name: /Crop into/ })
    .click();
  await expect(
    page.getByRole('region', { name: 'Crop figures from a PDF' }).getByRole('alert'),
  ).toHaveText(/The selection is too small \(\d+ × \d+ px\): each side needs at least 8 px/);
});
