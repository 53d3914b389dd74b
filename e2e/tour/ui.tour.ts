import { expect, Page, request as playwrightRequest, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiSignIn, signIn } from '../support/accounts';
import {
  addImageQuestionAnswers,
  addLongRubricAnswers,
  addMathsAnswers,
  SampleQuestion,
} from '../support/sample-content';

const OUT = join(__dirname, '..', 'tour-screens');
const ROLES = ['admin', 'author', 'researcher', 'teacher', 'senior'] as const;

let content: { maths: SampleQuestion; image: SampleQuestion; rubric: SampleQuestion };

test.beforeAll(async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  content = {
    maths: await addMathsAnswers(api, 'tour-maths', 3),
    image: await addImageQuestionAnswers(api, 'tour-image'),
    rubric: await addLongRubricAnswers(api, 'tour-rubric'),
  };
  // one answer reported as a problem, so the seniors' desk has a case to show
  const teacher = await playwrightRequest.newContext({ baseURL });
  const csrf = await apiSignIn(teacher, 'teacher');
  const task = await (
    await teacher.post(`/api/marking/questions/${content.image.questionId}/next`, {
      headers: { 'X-XSRF-TOKEN': csrf },
    })
  ).json();
  await teacher.post(`/api/marking/tasks/${task.taskId}/problem`, {
    headers: { 'X-XSRF-TOKEN': csrf },
    data: { leaseToken: task.leaseToken, reason: '两个选项都提到了，无法判断' },
  });
  await teacher.dispose();
  await api.dispose();
});

async function shoot(page: Page, dir: string, name: string) {
  // pages that poll (a run's progress) never go quiet: wait for quiet a little, then shoot anyway
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  // KaTeX fonts and figures finish after the data: give them a frame to land
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** Every page the role's navigation offers, then the deep pages of the role's work. */
async function tour(page: Page, role: (typeof ROLES)[number], lang: 'zh' | 'en') {
  const dir = join(OUT, lang);
  mkdirSync(dir, { recursive: true });
  await page.addInitScript((l) => localStorage.setItem('yj.lang', l), lang);
  await signIn(page, role);
  await shoot(page, dir, `${role}-00-landing`);
  const links = await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  for (const [i, path] of links.entries()) {
    await page.goto(path);
    await shoot(page, dir, `${role}-${String(i + 1).padStart(2, '0')}${path.replace(/\//g, '-')}`);
  }
  const deep: string[] = [];
  if (role === 'teacher' || role === 'senior')
    deep.push(
      `/marking/${content.maths.questionId}`,
      `/marking/${content.image.questionId}`,
      `/marking/${content.rubric.questionId}`,
    );
  if (role === 'senior') deep.push('/marking/senior');
  if (role === 'admin' || role === 'author' || role === 'researcher')
    deep.push(`/papers/${content.maths.paperVersionId}`, `/papers/${content.image.paperVersionId}`);
  for (const [i, path] of deep.entries()) {
    await page.goto(path);
    await shoot(page, dir, `${role}-deep-${i + 1}${path.split('/').slice(0, 2).join('-')}`);
  }
}

for (const lang of ['zh', 'en'] as const)
  for (const role of ROLES)
    test(`tour: ${role} (${lang})`, async ({ page }) => {
      await tour(page, role, lang);
      await expect(page.locator('body')).toBeVisible();
    });
