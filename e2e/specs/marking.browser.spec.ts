import { expect, request as playwrightRequest, test } from '@playwright/test';
import { apiSignIn, signIn } from '../support/accounts';

const XSS = '我的解答：<script>alert("xss")</script> 见图 <img src=x onerror="alert(1)"> ![t](https://evil.example/t.png) 答案是 $x=2$';

test('a teacher marks answers with the keyboard only; a hostile answer is shown as text and runs nothing', async ({ page, baseURL }) => {
  // step: a researcher adds one hostile answer to a subjective question of the recorded run
  const api = await playwrightRequest.newContext({ baseURL });
  const csrf = await apiSignIn(api, 'researcher');
  const runs = (await (await api.get('/api/runs')).json()) as { id: string; name: string }[];
  const recorded = runs.find((r) => /recorded run/.test(r.name))!;
  const answers = (await (await api.get(`/api/runs/${recorded.id}/answers?limit=500`)).json()) as {
    questionId: string;
    questionNumber: string;
    paperVersionId: string;
    type: string;
    state: string;
  }[];
  const target = answers.find((a) => a.state === 'answered' && ['short_answer', 'calculation', 'essay'].includes(a.type))!;
  const line = JSON.stringify({ paper: target.paperVersionId, question: target.questionNumber, model: 'xss-probe', response: XSS });
  const imported = await api.post('/api/runs/import', {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: { file: { name: 'xss.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(line) } },
  });
  expect(imported.status()).toBe(201);

  // step: the teacher opens the marking queue; nothing may run from an answer
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const remote: string[] = [];
  page.on('request', (r) => r.url().includes('evil.example') && remote.push(r.url()));
  await signIn(page, 'teacher');
  await page.goto('/marking');
  await expect(page.getByRole('columnheader', { name: '待我评' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/marking-home.png' });

  // step: the hostile answer's question, marked with keys only until the hostile answer has been seen
  await page.goto(`/marking/${target.questionId}`);
  let sawHostile = false;
  let marked = 0;
  while (!(await page.getByText('这道题没有待你评的答案了').isVisible())) {
    const answer = page.getByRole('region', { name: 'answer' });
    await expect(answer).toBeVisible();
    if ((await answer.textContent())?.includes('<script>')) {
      sawHostile = true;
      await expect(answer).toContainText('<script>alert("xss")</script>');
      await expect(answer).toContainText('<img src=x onerror="alert(1)">');
      expect(await answer.locator('img, script, a').count()).toBe(0);
      await page.screenshot({ path: 'test-results/screens/marking-hostile.png' });
    }
    await page.keyboard.press('2');
    await expect(page.getByLabel('points')).not.toContainText('—');
    await page.keyboard.press('Enter');
    marked++;
    await expect(page.getByRole('status', { name: 'progress' })).toContainText(`我已评 ${marked}`);
    if (marked > 20) break;
  }
  expect(sawHostile).toBe(true);
  expect(dialogs).toEqual([]);
  expect(remote).toEqual([]);

  // step: more answers on other questions, still keys only, until five are marked
  const queues = (await (await page.request.get('/api/marking/questions')).json()) as { questionId: string; forMe: number }[];
  for (const q of queues.filter((x) => x.forMe > 0)) {
    if (marked >= 5) break;
    await page.goto(`/marking/${q.questionId}`);
    await expect(page.getByRole('region', { name: 'answer' })).toBeVisible();
    await page.setViewportSize({ width: 1366, height: 768 });
    if (marked === 2) await page.screenshot({ path: 'test-results/screens/marking-screen.png' });
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    marked++;
    await expect(page.getByRole('status', { name: 'progress' })).toContainText('我已评 1');
  }
  expect(marked).toBeGreaterThanOrEqual(5);
  const mine = (await (await page.request.get('/api/marking/questions')).json()) as { mine: number }[];
  expect(mine.reduce((a, q) => a + q.mine, 0)).toBe(marked);
  await api.dispose();
});
