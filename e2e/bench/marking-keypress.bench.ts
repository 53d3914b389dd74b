import { expect, request as playwrightRequest, test } from '@playwright/test';
import { signIn } from '../support/accounts';
import { addAnswersToRecordedQuestion } from '../support/recorded-run';

const N = 30;

/**
 * Time from the Enter that submits a mark to the next answer on screen, in Chromium: the teacher's
 * wait per answer. Measured in the page (keydown to the new answer text in the DOM) with a
 * MutationObserver, so Playwright's own round trips are not counted.
 */
test('key press to next answer', async ({ page, baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const target = await addAnswersToRecordedQuestion(
    api,
    'bench',
    Array.from({ length: N }, (_, i) => `作答 ${i}：` + '分析过程。'.repeat(40)),
  );

  await signIn(page, 'teacher');
  await page.goto(`/marking/${target.questionId}`);
  const answer = page.getByRole('region', { name: 'answer' });
  await expect(answer).toBeVisible();
  const times: number[] = [];
  for (let i = 0; i < N - 2; i++) {
    const before = (await answer.textContent()) ?? '';
    const ms = await page.evaluate(
      (previous) =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          const done = () => {
            const now = document.querySelector('[aria-label=answer]')?.textContent ?? '';
            if (now !== previous) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          };
          const observer = new MutationObserver(done);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          document.dispatchEvent(new KeyboardEvent('keydown', { key: '5', bubbles: true }));
          document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        }),
      before,
    );
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(
    `| key press → next answer on screen | ${times.length} | ${p(0.5)} ms | ${p(0.95)} ms | ${times[times.length - 1].toFixed(1)} ms |`,
  );
  await api.dispose();
});
