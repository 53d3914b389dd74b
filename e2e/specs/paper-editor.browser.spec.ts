import { expect, Page, test } from '@playwright/test';
import { signIn } from '../support/accounts';

test.use({ viewport: { width: 1366, height: 768 } });

const MATH = /2022年.*全国乙卷.*数学/;

async function openLibraryRow(page: Page) {
  await page.goto('/papers');
  await page.getByLabel('搜索标题').fill('数学（理科）');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: MATH }) });
  await expect(row).toHaveCount(1);
  return row;
}

test('an author fixes a key and a point value in the editor, saves a draft, publishes it, and the library shows it', async ({
  page,
  context,
}) => {
  // step: the author opens the published sample maths paper in the editor
  await signIn(page, 'author');
  const row = await openLibraryRow(page);
  await expect(row).toContainText('已发布 v1');
  await row.getByRole('link', { name: MATH }).click();
  await page.getByRole('link', { name: '编辑' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('编辑试卷');
  await expect(page.getByText('基于 v1（已发布）')).toBeVisible();
  await expect(page.getByText('校验通过，可以保存')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/editor-open.png' });

  // step: question 2 gets a key naming an option that does not exist and no points: both problems at once, in Chinese, at 第2题
  const outline = page.getByRole('navigation', { name: '目录' });
  await outline.getByRole('button', { name: /^第2题/ }).click();
  const q2 = page.getByRole('region', { name: '第2题' });
  const key = q2.getByLabel('答案', { exact: true });
  const points = q2.getByLabel('分值', { exact: true });
  await expect(key).toHaveValue('A');
  await key.fill('E');
  await points.fill('0');
  const problems = page.getByRole('region', { name: '需要修改的地方' });
  await expect(problems).toContainText('2 个问题');
  const keyProblem = problems.getByRole('button', {
    name: /第2题\s*答案：\s*答案“E”中的选项 E 不存在/,
  });
  await expect(keyProblem).toBeVisible();
  await expect(problems.getByRole('button', { name: /第2题\s*分值：\s*必须大于 0/ })).toBeVisible();
  await expect(problems).not.toContainText('sections[');
  await page.screenshot({ path: 'test-results/screens/editor-problems.png' });

  // step: a problem takes the author to its field; the key and the points are fixed
  await outline.getByRole('button', { name: /^第1题/ }).click();
  await keyProblem.click();
  await expect(key).toBeFocused();
  await key.fill('B');
  await points.fill('6');
  await expect(page.getByText('校验通过，可以保存')).toBeVisible();
  const preview = page.getByRole('article', { name: 'Q2' });
  await expect(preview).toContainText('6 分');
  await expect(preview).toContainText('答案：B');

  // step: the model's view of the unsaved question: the exact messages
  await page.getByRole('radio', { name: '模型收到的' }).click();
  await expect(page.getByText('用户消息')).toBeVisible();
  await expect(page.getByText(/第2题（6 分）/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/editor-model.png' });

  // step: saved as draft v2; the library shows published v1 with draft v2 beside it
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存为草稿 v2' })).toBeVisible();
  const library = await context.newPage();
  const before = await openLibraryRow(library);
  await expect(before).toContainText('已发布 v1');
  await expect(before.getByRole('link', { name: '草稿 v2' })).toBeVisible();
  await library.screenshot({ path: 'test-results/screens/library-draft-beside.png' });

  // step: published from the editor; the library now shows v2 as the published version
  await page.getByRole('button', { name: '发布草稿 v2' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已发布 v2' })).toBeVisible();
  const after = await openLibraryRow(library);
  await expect(after).toContainText('已发布 v2');
  await expect(after.getByRole('link', { name: /草稿/ })).toHaveCount(0);
  await after.getByRole('link', { name: MATH }).click();
  await library.getByText('显示答案与细则').click();
  await expect(library.getByRole('article', { name: 'Q2' })).toContainText('6 分');
  await library.close();

  // step: the same problem in English
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('radio', { name: 'What a student sees' }).click();
  const enKey = page.getByRole('region', { name: 'Question 2' }).getByLabel('Key', { exact: true });
  await enKey.fill('Z');
  await expect(
    page.getByRole('region', { name: 'To fix' }).getByRole('button', {
      name: /Question 2\s*Key:\s*Key "Z" names option\(s\) Z that do not exist/,
    }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/editor-problems-en.png' });
});

test('an author starts a new paper from scratch and sees what is missing, then saves it', async ({
  page,
}) => {
  await signIn(page, 'author');
  await page.goto('/papers');
  await page.getByRole('link', { name: '+ 新建试卷' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('新建试卷');
  const problems = page.getByRole('region', { name: '需要修改的地方' });
  await expect(
    problems.getByRole('button', { name: /试卷信息\s*标题：\s*不能为空/ }),
  ).toBeVisible();
  await expect(problems.getByRole('button', { name: /第1题\s*答案：\s*不能为空/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/editor-new.png' });

  await page.getByLabel('标题', { exact: true }).fill('初三数学单元测验');
  await page.getByLabel('地区 / 卷别', { exact: true }).fill('校内');
  await page.getByLabel('名称', { exact: true }).fill('本校数学组');
  await page.getByLabel('许可', { exact: true }).fill('CC-BY-4.0');
  await page
    .getByRole('navigation', { name: '目录' })
    .getByRole('button', { name: /^第1题/ })
    .click();
  const q1 = page.getByRole('region', { name: '第1题' });
  await q1.getByLabel('题干', { exact: true }).fill('计算 $\\sqrt{16}$ 的值');
  for (const [label, text] of [
    ['A', '$2$'],
    ['B', '$4$'],
    ['C', '$8$'],
    ['D', '$16$'],
  ]) {
    await q1.getByLabel(`选项 ${label}`, { exact: true }).fill(text);
  }
  await q1.getByLabel('答案', { exact: true }).fill('B');
  await expect(page.getByText('校验通过，可以保存')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Q1' }).locator('.katex').first()).toBeVisible();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存为草稿 v1' })).toBeVisible();
});

test('an author opens the sample Word paper through intake in the editor, completes what is missing and saves it', async ({
  page,
}) => {
  await signIn(page, 'author');
  await page.goto('/papers/new');
  await page.getByRole('button', { name: 'gaokao-2022-national-b-math.docx' }).click();
  await expect(
    page.getByText(/已从 gaokao-2022-national-b-math\.docx 识别出 \d+ 道题/),
  ).toBeVisible();
  const outline = page.getByRole('navigation', { name: '目录' });
  await expect(outline.getByRole('button', { name: /^第12题/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/editor-intake.png' });

  // what intake could not know is a problem at its field, like any other
  const problems = page.getByRole('region', { name: '需要修改的地方' });
  await expect(
    problems.getByRole('button', { name: /试卷信息\s*来源 · 许可：\s*不能为空/ }),
  ).toBeVisible();
  await problems.getByRole('button', { name: /来源 · 许可/ }).click();
  const licence = page.getByLabel('许可', { exact: true });
  await expect(licence).toBeFocused();
  await licence.fill('Apache-2.0');
  await expect(page.getByText('校验通过，可以保存')).toBeVisible();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: /已保存为草稿 v\d+/ })).toBeVisible();
});
