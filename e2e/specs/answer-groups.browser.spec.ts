import {
  APIRequestContext,
  expect,
  Page,
  request as playwrightRequest,
  test,
} from '@playwright/test';
import { apiSignIn, signIn } from '../support/accounts';
import { assignDemoTeachers } from '../support/sample-content';

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * Answers to the 2022 national B Chinese paper's dictation question (six blanks) that the grader
 * cannot read (one line for six blanks), from two models: four are the same answer once spacing,
 * the full-width space and the harness tail are set aside, one is a different answer.
 */
const SAME = ['不知道', '不 知 道', '【答案】不知道<eoa>', '不知道\u3000'];
const OTHER = '轻拢慢捻抹复挑，初为《霓裳》后《六幺》';

async function addDictationAnswers(api: APIRequestContext) {
  const csrf = await apiSignIn(api, 'researcher');
  const papers = (await (await api.get('/api/papers')).json()) as { id: string; slug: string }[];
  const paper = papers.find((p) => p.slug === 'gaokao-2022-national-b-chinese')!;
  const tree = (await (await api.get(`/api/papers/${paper.id}`)).json()) as {
    questions: { id: string; number: string; type: string; blanks?: number }[];
  };
  const q = tree.questions.find((x) => x.type === 'fill_blank' && x.number === '7')!;
  const batches: [string, string[]][] = [
    ['groups-model-a', [SAME[0], SAME[1], OTHER]],
    ['groups-model-b', [SAME[2], SAME[3]]],
  ];
  for (const [model, responses] of batches) {
    const lines = responses.map((response, sample) =>
      JSON.stringify({ paper: paper.id, question: q.number, model, sample, response }),
    );
    const res = await api.post('/api/runs/import', {
      headers: { 'X-XSRF-TOKEN': csrf },
      multipart: {
        file: {
          name: `${model}.jsonl`,
          mimeType: 'application/jsonl',
          buffer: Buffer.from(lines.join('\n')),
        },
      },
    });
    expect(res.status()).toBe(201);
  }
  await assignDemoTeachers(api, [q.id]);
  return q.id;
}

const answerPane = (page: Page, name = '作答') => page.getByRole('region', { name, exact: true });

test('a teacher marks a group of identical unreadable blanks at once, and sees how many there are', async ({
  page,
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const questionId = await addDictationAnswers(api);

  // step: the queue offers the question in groups; the marking screen opens with groups on
  await signIn(page, 'teacher');
  await page.goto('/marking');
  const row = page
    .getByRole('row')
    .filter({ has: page.locator(`a[href="/marking/${questionId}"]`) });
  await row.getByRole('link', { name: '合并批阅' }).click();
  await expect(page).toHaveURL(new RegExp(`/marking/${questionId}\\?groups=1`));
  await expect(page.getByRole('button', { name: /相同答案合并批阅/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // step: the four identical answers are one group: the answer once, its size large beside it
  const answer = answerPane(page);
  await expect(answer.getByRole('status', { name: '4 份相同答案' })).toHaveText('×4');
  await expect(answer.locator('.answer-text')).toHaveText('不知道');
  await expect(answer).toContainText('一次评分将为每份各记一次评分');
  // nothing says which model wrote any of them, nor the harness tail
  await expect(page.locator('body')).not.toContainText('groups-model');
  await expect(answer).not.toContainText('<eoa>');

  // step: E lists every member as the teacher reads it, each with a control to mark it alone
  await page.keyboard.press('e');
  const members = answer.locator('ol.members > li');
  await expect(members).toHaveCount(4);
  await expect(members.getByRole('button', { name: '单独批阅' })).toHaveCount(4);
  await page.screenshot({ path: 'test-results/screens/answer-groups-zh.png' });

  // step: one is taken out of the group before marking: the size follows
  await members.nth(1).getByRole('button', { name: '单独批阅' }).click();
  await expect(answer.getByRole('status', { name: '3 份相同答案' })).toHaveText('×3');
  await expect(page.getByRole('status').filter({ hasText: '已移出本组' })).toBeVisible();

  // step: one key press (0, a complete score) marks the three, one mark each
  const progress = page.getByRole('status', { name: '阅卷进度' });
  await expect(progress).toContainText('我已评 0');
  await page.keyboard.press('0');
  await expect(page.getByText('已为 3 份作答各记 0 分')).toBeVisible();
  await expect(progress).toContainText('我已评 3');

  // step: the different answer is a group of its own (never merged with the others)
  await expect(answer.getByRole('status', { name: '1 份作答' })).toHaveText('×1');
  await expect(answer.locator('.answer-text')).toContainText('轻拢慢捻抹复挑');

  // step: the same screen in English, at 1366×768
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('0 pts recorded for each of 3 answers')).toBeVisible();
  await page.keyboard.press('e');
  await expect(answerPane(page, 'Answer').getByRole('button', { name: 'Mark alone' })).toHaveCount(
    1,
  );
  await expect(answerPane(page, 'Answer').getByRole('status', { name: '1 answer' })).toHaveText(
    '×1',
  );
  await page.screenshot({ path: 'test-results/screens/answer-groups-en.png' });
  await page.keyboard.press('2');

  // step: no groups left: the split-off answer comes alone, one by one, and is marked alone
  await expect(page.getByText(/No identical answers left to group/)).toBeVisible();
  await expect(page.getByRole('button', { name: /Group identical answers/ })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(answerPane(page, 'Answer').locator('.group-size')).toHaveCount(0);
  await expect(answerPane(page, 'Answer')).toContainText('不');
  await page.keyboard.press('1');
  await expect(page.getByRole('status', { name: 'Marking progress' })).toContainText(
    'marked by me 5',
  );
});
