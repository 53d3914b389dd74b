import { expect, Page, request as playwrightRequest, test } from '@playwright/test';
import { signIn } from '../support/accounts';
import {
  addImageQuestionAnswers,
  addLongRubricAnswers,
  addMathsAnswers,
} from '../support/sample-content';

test.use({ viewport: { width: 1366, height: 768 } });

const answerPane = (page: Page) => page.getByRole('region', { name: '作答' });
const questionPane = (page: Page) => page.getByRole('region', { name: '题目' });

test('a maths answer renders with superscripts, fractions and roots, and nothing says a model wrote it', async ({
  page,
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const q = await addMathsAnswers(api, 'tour-maths');

  // step: the teacher signs in and lands on the queue, which offers the question
  await signIn(page, 'teacher');
  await expect(page).toHaveURL(/\/marking$/);
  await page.goto(`/marking/${q.questionId}`);
  const answer = answerPane(page);
  // the recorded GPT-4 answer to the same question may come first: skip until ours is shown
  for (let i = 0; i < 5 && !(await answer.textContent())?.includes('小问'); i++) {
    await expect(answer).not.toBeEmpty();
    if ((await answer.textContent())?.includes('小问')) break;
    const before = await answer.textContent();
    await page.keyboard.press('s');
    await expect(answer).not.toHaveText(before ?? '');
  }
  await expect(answer).toContainText('小问');
  await expect(answer.locator('.katex').first()).toBeVisible();

  // step: a^2 is a raised exponent, not a subscript: KaTeX's inline styles survived sanitising
  const sup = answer.locator('.msupsub .vlist > span').first();
  const top = await sup.evaluate((el) => parseFloat(getComputedStyle(el).top));
  expect(top).toBeLessThan(0);
  // step: \frac{25}{31} is a fraction with a bar; \sqrt{6} has its radical sign
  await expect(answer.locator('.mfrac .frac-line').first()).toBeVisible();
  const [nTop, dTop] = await answer
    .locator('.mfrac')
    .first()
    .evaluate((frac) => {
      const top = (text: string) =>
        [...frac.querySelectorAll('.mord.mtight')]
          .find((el) => el.textContent === text)!
          .getBoundingClientRect().top;
      return [top('25'), top('31')];
    });
  expect(nTop).toBeLessThan(dTop);
  await expect(answer.locator('.sqrt svg').first()).toBeVisible();
  await expect(answer.getByRole('table')).toBeVisible();
  // step: the harness's end marker and the contract tag are not shown to the teacher
  await expect(answer).not.toContainText('<eoa>');
  await expect(answer).not.toContainText('【答案】');
  await page.screenshot({ path: 'test-results/screens/marking-maths.png' });
});

test('an image question is marked with its figures and its key, with one key press', async ({
  page,
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const q = await addImageQuestionAnswers(api, 'tour-image');
  await signIn(page, 'teacher');
  await page.goto(`/marking/${q.questionId}`);

  // step: the four graphs are shown and loaded; the key reads B, not "B" as JSON
  const figures = questionPane(page).locator('img.figure');
  await expect(figures).toHaveCount(4);
  for (const img of await figures.all()) {
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  }
  const rubric = page.getByRole('region', { name: '评分细则' });
  await expect(rubric.locator('.key-line')).toHaveText(/参考答案\s*B\s*$/);
  await expect(page.getByText('"B"')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/marking-image.png' });

  // step: in score mode a digit that can only be one score submits at once (5 of 5 points)
  const progress = page.getByRole('status', { name: '阅卷进度' });
  await expect(progress).toContainText('我已评 0');
  await page.keyboard.press('5');
  await expect(progress).toContainText('我已评 1');

  // step: P opens the problem form with the focus in its reason field
  await page.keyboard.press('p');
  await expect(page.getByRole('textbox', { name: /原因/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: /原因/ })).toBeHidden();

  // step: U opens the last mark again with its score applied; a changed score is confirmed
  await page.keyboard.press('u');
  await expect(page.getByText('原评分 5 分')).toBeVisible();
  await expect(page.getByLabel('得分')).toContainText('5');
  // a single choice is right or wrong: 2 of 5 is refused with the reason, 0 is taken
  await page.keyboard.press('Backspace');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('单选题和判断题只能给 0 分或 5 分');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('0');
  await page.keyboard.press('Enter');
  await expect(page.getByText('回评已保存：第 7 题 5 → 0 分')).toBeVisible();
});

test('every item of a long rubric is reachable and applies, with the total always in sight', async ({
  page,
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const q = await addLongRubricAnswers(api, 'tour-rubric');
  await signIn(page, 'teacher');
  await page.goto(`/marking/${q.questionId}`);
  const items = page.locator('button.item');
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThan(5);
  // a stray Enter with nothing chosen saves nothing: zero is the 0 key, on purpose
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('还没有选择得分点');
  await expect(page.getByRole('status', { name: '阅卷进度' })).toContainText('我已评 0');
  const last = items.last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await last.click();
  await expect(last).toHaveAttribute('aria-pressed', 'true');
  // the running total sits at the top of the rubric pane, in view while its end is shown
  await expect(page.getByLabel('得分')).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/marking-long-rubric.png' });
  // full marks with one key
  const progress = page.getByRole('status', { name: '阅卷进度' });
  await page.keyboard.press('f');
  await expect(progress).toContainText('我已评 1');
  // what was saved is said once the next answer is on screen
  await expect(page.getByText(/已保存：\d+(\.\d+)? 分/)).toBeVisible();
});

test('the English marking screens have no Chinese-only labels, and the Chinese ones no English', async ({
  page,
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const q = await addMathsAnswers(api, 'tour-lang', 1);
  await signIn(page, 'teacher');
  // what the workbench itself writes, leaving out paper titles and question and answer content
  const chrome = () =>
    page.evaluate(() => {
      const skip = (el: Element | null): boolean =>
        !!el &&
        (el.matches('yj-rich-text, [data-content], [lang]:not(html), script, style') ||
          skip(el.parentElement));
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const out: string[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (!skip(n.parentElement) && n.textContent!.trim()) out.push(n.textContent!.trim());
      return out.join(' | ');
    });
  for (const path of ['/marking', `/marking/${q.questionId}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await chrome()).not.toMatch(/\b(Question|Submit|Skip|Rubric|Answer|points?)\b/);
  }
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  for (const path of ['/marking', `/marking/${q.questionId}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await chrome()).not.toMatch(/[\u3400-\u9fff]/);
  }
  await page.screenshot({ path: 'test-results/screens/marking-en.png' });
});

test('the next answer is leased while the current one is read, so it comes without waiting for the server', async ({
  page,
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL });
  // three more answers on the long-rubric question (the demo teachers are assigned to it); teacher2 reads them
  let q = await addLongRubricAnswers(api, 'tour-ahead-1');
  for (const model of ['tour-ahead-2', 'tour-ahead-3']) q = await addLongRubricAnswers(api, model);
  const LEASE = /\/api\/marking\/questions\/[^/]+\/next/;
  const leases: string[] = [];
  const skips: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && LEASE.test(r.url())) leases.push(r.url());
    const skip = /\/api\/marking\/tasks\/([^/]+)\/skip$/.exec(r.url());
    if (skip) skips.push(skip[1]);
  });
  await signIn(page, 'teacher2');
  await page.goto(`/marking/${q.questionId}`);
  await expect(page.locator('button.item').first()).toBeVisible();

  // step: with the first answer on screen and no key pressed, the second is leased already
  await expect.poll(() => leases.length).toBe(2);

  await expect(page.getByRole('status', { name: '阅卷进度' })).toBeVisible();

  // step: from now on the server is slow to lease (8 s); S still brings the next answer at once
  // (a key pressed while a save is under way is ignored), so within 4 s two different answers are
  // skipped while the lease after them is still on its way
  let held = 0;
  await page.route(LEASE, async (route) => {
    held++;
    await new Promise((done) => setTimeout(done, 8_000));
    await route.continue().catch(() => null);
  });
  await expect
    .poll(
      async () => {
        await page.keyboard.press('s');
        return new Set(skips).size;
      },
      { timeout: 4_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(2);
  expect(held).toBeGreaterThanOrEqual(1);
  await page.unroute(LEASE);
});
