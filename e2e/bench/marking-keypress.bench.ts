import { expect, Page, request as playwrightRequest, test } from '@playwright/test';
import { signIn } from '../support/accounts';
import { addAnswersToRecordedQuestion } from '../support/recorded-run';

const N = 30;

/** In the page: dispatches the keys and resolves when the answer pane shows another answer. */
function pressUntilNext(page: Page, keys: string[], before: string) {
  return page.evaluate(
    ([previous, keys]) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const done = () => {
          const now = document.querySelector('.pane.answer')?.textContent ?? '';
          if (now !== previous || document.querySelector('section.done')) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        };
        const observer = new MutationObserver(done);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        for (const key of keys)
          document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      }),
    [before, keys] as const,
  );
}

/**
 * Time from the key that scores an answer to the next answer on screen, in Chromium: the teacher's
 * wait per answer. Measured in the page (keydown to the new answer text in the DOM) with a
 * MutationObserver, so Playwright's own round trips are not counted. One key per answer: in score
 * mode a digit that completes the score submits it.
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
  const answer = page.getByRole('region', { name: '作答' });
  await expect(answer).toBeVisible();
  const times: number[] = [];
  for (let i = 0; i < N - 2; i++) {
    const before = (await answer.textContent()) ?? '';
    // F: full marks in one key, whatever the rubric's mode
    times.push(await pressUntilNext(page, ['f'], before));
  }
  times.sort((a, b) => a - b);
  const p = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(
    `| key press → next answer on screen | ${times.length} | ${p(0.5)} ms | ${p(0.95)} ms | ${times[times.length - 1].toFixed(1)} ms |`,
  );
  await api.dispose();
});

interface QueueRow {
  questionId: string;
  forMe: number;
}

interface Rubric {
  mode: 'items' | 'score';
  floorPoints: number;
  ceilingPoints: number;
  items: { id: string; points: number; group?: string }[];
}

/** A seeded pseudo-random stream, so every run scores the same answers the same way. */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
}

/**
 * Keys a practised marker presses for a score: in score mode the digits, then Enter only when the
 * digits could still become another score; in item mode F for full marks, 0 for none,
 * else the item keys and Enter.
 */
function keysFor(rubric: Rubric, rand: () => number): string[] {
  if (rubric.mode === 'score') {
    const score = Math.floor(rand() * (rubric.ceilingPoints + 1));
    const typed = String(score);
    const complete = Number(typed + '0') > rubric.ceilingPoints || typed === '0';
    return complete ? [...typed] : [...typed, 'Enter'];
  }
  const r = rand();
  if (r < 1 / 3) return ['f'];
  if (r < 2 / 3) return ['0'];
  const keyed = rubric.items.slice(0, 9).filter((i) => i.points > 0 && !i.group);
  const some = keyed.filter(() => rand() < 0.5).map((i) => String(rubric.items.indexOf(i) + 1));
  return [...(some.length ? some : ['1']), 'Enter'];
}

/**
 * A scripted marker over the whole sample queue of the demo teacher: every answer waiting for
 * them, scored uniformly at random (score mode: a whole score 0–max; item mode: full, none or some
 * items, a third each), counting the keys each answer takes.
 */
test('key presses per answer on the sample queue', async ({ page }) => {
  await signIn(page, 'teacher');
  const queue = (await (await page.request.get('/api/marking/questions')).json()) as QueueRow[];
  const rand = random(2026);
  let answers = 0;
  let presses = 0;
  const byCount = new Map<number, number>();
  for (const q of queue.filter((x) => x.forMe > 0)) {
    await page.goto(`/marking/${q.questionId}`);
    const answer = page.getByRole('region', { name: '作答' });
    await expect(answer.or(page.getByRole('region', { name: '本题已评完' }))).toBeVisible();
    for (let i = 0; i < q.forMe; i++) {
      if (!(await answer.isVisible())) break;
      await expect(page.getByLabel('得分')).toBeVisible();
      const rubric = await rubricOnScreen(page);
      const keys = keysFor(rubric, rand);
      await pressUntilNext(page, keys, (await answer.textContent()) ?? '');
      answers++;
      presses += keys.length;
      byCount.set(keys.length, (byCount.get(keys.length) ?? 0) + 1);
    }
  }
  const spread = [...byCount].sort(([a], [b]) => a - b).map(([k, n]) => `${k} key(s): ${n}`);
  console.log(
    `| scripted marker, sample queue | ${answers} answers | ${(presses / answers).toFixed(2)} keys per answer | ${spread.join(', ')} |`,
  );
});

/** The rubric of the answer on screen, as the marking screen received it. */
async function rubricOnScreen(page: Page): Promise<Rubric> {
  const items = await page.locator('button.item').count();
  const ceiling = Number(
    (await page.getByLabel('得分').textContent())?.match(/\/\s*([\d.]+)/)?.[1] ?? '0',
  );
  if (!items) return { mode: 'score', floorPoints: 0, ceilingPoints: ceiling, items: [] };
  const pts = await page
    .locator('button.item .pts')
    .allTextContents()
    .then((t) => t.map(Number));
  const groups = await page
    .locator('button.item')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
  return {
    mode: 'items',
    floorPoints: 0,
    ceilingPoints: ceiling,
    items: pts.map((points, i) => ({ id: String(i), points, group: groups[i] ?? undefined })),
  };
}
