import { expect, request as playwrightRequest, test } from '@playwright/test';
import { signIn } from '../support/accounts';
import { addAnswersToRecordedQuestion } from '../support/recorded-run';

const XSS =
  '我的解答：<script>alert("xss")</script> 见图 <img src=x onerror="alert(1)"> ![t](https://evil.example/t.png) 答案是 $x=2$';

test('a teacher marks answers with the keyboard only; a hostile answer is shown as text and runs nothing', async ({
  page,
  baseURL,
}) => {
  // step: a researcher adds one hostile answer to a subjective question of the recorded run
  const api = await playwrightRequest.newContext({ baseURL });
  const target = await addAnswersToRecordedQuestion(api, 'xss-probe', [XSS]);

  // step: the teacher opens the marking queue; nothing may run from an answer
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const remote: string[] = [];
  page.on('request', (r) => r.url().includes('evil.example') && remote.push(r.url()));
  await signIn(page, 'teacher');
  // marks given by earlier journeys on the same server
  const sumMine = async () =>
    (
      (await (await page.request.get('/api/marking/questions')).json()) as { mine: number }[]
    ).reduce((a, q) => a + q.mine, 0);
  const markedBefore = await sumMine();
  await page.goto('/marking');
  await expect(page.getByRole('columnheader', { name: '待我评' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/marking-home.png' });

  // step: the hostile answer's question, marked with keys only until the hostile answer has been seen
  await page.goto(`/marking/${target.questionId}`);
  let sawHostile = false;
  let marked = 0;
  while (!(await page.getByText('这道题没有待你评的答案了').isVisible())) {
    const answer = page.getByRole('region', { name: '作答' });
    await expect(answer).toBeVisible();
    if ((await answer.textContent())?.includes('<script>')) {
      sawHostile = true;
      await expect(answer).toContainText('<script>alert("xss")</script>');
      await expect(answer).toContainText('<img src=x onerror="alert(1)">');
      expect(await answer.locator('img, script, a').count()).toBe(0);
      await page.screenshot({ path: 'test-results/screens/marking-hostile.png' });
    }
    // F: full marks in one key press
    await page.keyboard.press('f');
    marked++;
    await expect(page.getByRole('status', { name: '阅卷进度' })).toContainText(`我已评 ${marked}`);
    if (marked > 20) break;
  }
  expect(sawHostile).toBe(true);
  expect(dialogs).toEqual([]);
  expect(remote).toEqual([]);

  // step: more answers on other questions, still keys only, until five are marked
  const queues = (await (await page.request.get('/api/marking/questions')).json()) as {
    questionId: string;
    forMe: number;
  }[];
  for (const q of queues.filter((x) => x.forMe > 0)) {
    if (marked >= 5) break;
    await page.goto(`/marking/${q.questionId}`);
    await expect(page.getByRole('region', { name: '作答' })).toBeVisible();
    await page.setViewportSize({ width: 1366, height: 768 });
    if (marked === 2) await page.screenshot({ path: 'test-results/screens/marking-screen.png' });
    await page.keyboard.press('f');
    marked++;
    await expect(page.getByRole('status', { name: '阅卷进度' })).toContainText('我已评 1');
  }
  expect(marked).toBeGreaterThanOrEqual(5);
  expect((await sumMine()) - markedBefore).toBe(marked);

  // step: undo the last mark with U: the answer opens again and the correction is appended
  await page.keyboard.press('u');
  await expect(page.getByText('回评：新的分数将追加记录')).toBeVisible();
  await page.keyboard.press('0');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: /回评已保存：第 .+ 题 .+ → 0 分/ }),
  ).toBeVisible();

  // step: a problem answer, reported with P, goes to the senior, who decides it
  const open = (await (await page.request.get('/api/marking/questions')).json()) as {
    questionId: string;
    forMe: number;
  }[];
  const withWork = open.find((q) => q.forMe > 0)!;
  await page.goto(`/marking/${withWork.questionId}`);
  await expect(page.getByRole('region', { name: '作答' })).toBeVisible();
  await page.keyboard.press('p');
  await page.getByRole('textbox', { name: /原因/ }).fill('答非所问');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: '阅卷进度' })).toBeVisible();
  await page.getByRole('button', { name: '退出' }).click();
  await signIn(page, 'senior');
  await page.goto('/marking/senior');
  const problemCase = page.locator('section.case').filter({ hasText: '答非所问' });
  await expect(problemCase).toContainText('问题卷');
  // the senior decides with the rubric, the reference answer and every read in view
  await expect(problemCase.getByRole('heading', { name: '评分细则' })).toBeVisible();
  await expect(problemCase.getByRole('heading', { name: '各次评分' })).toBeVisible();
  await expect(problemCase.getByRole('region', { name: '参考答案' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/senior-desk.png' });
  await problemCase.getByRole('spinbutton').fill('1');
  await problemCase.getByRole('button', { name: '仲裁定分' }).click();
  await expect(page.locator('section.case').filter({ hasText: '答非所问' })).toHaveCount(0);
  await api.dispose();
});
