import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { apiSignIn, signIn } from '../support/accounts';

/*
 * The headline findings on the demo: one round ("GAOKAO-Bench 2023", the recorded GPT-4-0314 run)
 * with synthetic cohorts and many points still pending, so the panel says both, and that there is
 * no earlier round. The second journey adds a later round (it writes: this spec runs with the
 * writing journeys) and reads the change since the demo round, then removes it.
 */

const DEMO_ROUND = 'GAOKAO-Bench 2023';
const LATER_ROUND = 'E2E 2024 秋冬';
const LATER_MODEL = 'E2E 轮次模型';
const CHEMISTRY_2022 = /2022年.*化学/;

const findings = (page: Page) => page.getByTestId('findings');

async function openReport(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await expect(findings(page).getByText(`评测轮次「${DEMO_ROUND}」`)).toBeVisible();
}

/** A run of another model on the 2022 chemistry paper, every answer the key (imported once). */
async function ensureLaterRun(api: APIRequestContext): Promise<string> {
  const csrf = await apiSignIn(api, 'researcher');
  const name = `${LATER_MODEL} 化学`;
  const runs = (await (await api.get('/api/runs')).json()) as { id: string; name: string }[];
  const existing = runs.find((r) => r.name === name);
  if (existing) return name;
  const papers = (await (await api.get('/api/papers')).json()) as { id: string; title: string }[];
  const { id } = papers.find((p) => CHEMISTRY_2022.test(p.title))!;
  const detail = (await (await api.get(`/api/papers/${id}`)).json()) as { questions: { number: string; answerKey: string }[] };
  const lines = detail.questions.map((q) =>
    JSON.stringify({ paper: id, question: q.number, model: LATER_MODEL, sample: 0, response: `答案：${q.answerKey}` }),
  );
  const imported = await api.post(`/api/runs/import?name=${encodeURIComponent(name)}`, {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: { file: { name: 'later.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) } },
  });
  expect(imported.status()).toBe(201);
  return name;
}

test('a researcher reads the headline findings of the demo round, with their caveats, and follows one to its answers, in Chinese and English', async ({
  page,
}, testInfo) => {
  await openReport(page);
  const panel = findings(page);
  await expect(panel.getByText('没有更早的轮次')).toBeVisible();
  await expect(panel.getByText('这是最早的一轮评测，没有上一轮可比，因此不报告变化。')).toBeVisible();
  // Synthetic students and pending points are said before any figure.
  await expect(panel.getByTestId('findings-synthetic')).toContainText('合成数据');
  // the panel says which filters it follows (the round and cohorts), so it never seems to contradict the tables
  await expect(panel.getByTestId('findings-scope')).toContainText('只作用于下面的图表和表格');
  await expect(panel.getByTestId('findings-pending')).toContainText(/还有 \d+ 分的答案待评/);
  // The combined K12 sentence: the model, both rates, the interval, and what it rests on.
  const combined = panel.getByRole('button', { name: /^K12 综合（高中）：GPT-4-0314 \(GAOKAO-Bench\) 得分率 [\d.]+%/ });
  await expect(combined).toBeVisible();
  await expect(combined).toContainText(/95% CI [−+]?[\d.]+ 个百分点 至 [−+]?[\d.]+ 个百分点/);
  // A zero-including interval is worded as no difference, never as above or below.
  const text = (await combined.textContent())!;
  const [low, high] = [...text.matchAll(/([−+]?[\d.]+) 个百分点/g)].slice(1, 3).map((m) => Number(m[1].replace('−', '-')));
  if (low <= 0 && high >= 0) expect(text).toContain('无明显差异');
  else expect(text).toMatch(/高于|低于/);
  await expect(panel.getByText(/依据：已评 \d+ 分，待评 \d+ 分 · 合成学生数据/).first()).toBeVisible();
  // The humanities–sciences index, with its interval.
  await expect(panel.getByRole('heading', { name: '文强理弱' })).toBeVisible();
  await expect(panel.getByText(/文强理弱指数 [−+]?[\d.]+ 个百分点（95% CI/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('findings-zh.png') });

  // The sentence opens the answers behind it: the model's answers on the round's papers.
  await combined.click();
  const drill = page.getByRole('dialog');
  await expect(drill).toBeVisible();
  await expect(drill.getByRole('heading')).toContainText('K12 综合（高中）');
  await expect(drill.getByText(/\d+ 条答案 · \d+ 套试卷/)).toBeVisible();
  await expect(drill.getByText(/2018年普通高等学校招生全国统一考试/).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drill).toHaveCount(0);

  // A subject where the model is above the students opens that subject's answers.
  const above = panel.getByTestId('finding.subject.some_above');
  if (await above.count()) {
    const subject = above.getByRole('button').first();
    const name = (await subject.textContent())!.trim();
    await subject.click();
    await expect(page.getByRole('dialog').getByRole('heading')).toContainText(`${name}：`);
    await page.keyboard.press('Escape');
  }

  await page.getByRole('button', { name: 'English' }).click();
  await expect(panel.getByRole('heading', { name: 'Headline findings' })).toBeVisible();
  await expect(panel.getByText('No earlier round')).toBeVisible();
  await expect(
    panel.getByRole('button', { name: /^Combined K12 \(Senior secondary\): GPT-4-0314 \(GAOKAO-Bench\) scores [\d.]+%/ }),
  ).toBeVisible();
  await expect(panel.getByTestId('findings-synthetic')).toContainText('not real students');
  await page.screenshot({ path: testInfo.outputPath('findings-en.png') });
  await page.getByRole('button', { name: '中文' }).click();
});

test('a researcher groups a later run into a new round, reads the change since the demo round through the students, and removes the round', async ({
  page,
  request,
}) => {
  const runName = await ensureLaterRun(request);
  await openReport(page);
  await findings(page).getByRole('link', { name: '管理评测轮次' }).click();
  await expect(page.getByRole('heading', { name: '评测轮次' })).toBeVisible();
  await expect(page.getByTestId('rounds')).toContainText(DEMO_ROUND);

  await page.getByLabel('名称').fill(LATER_ROUND);
  await page.getByLabel('日期').fill('2024-12-01');
  await page.getByRole('combobox', { name: '运行', exact: true }).click();
  // The recorded run belongs to the demo round: shown, and not for the taking.
  await expect(page.getByRole('option', { name: /GPT-4-0314.*已在「GAOKAO-Bench 2023」/ })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('option', { name: runName }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '新建轮次' }).click();
  await expect(page.getByTestId('rounds').getByRole('row', { name: new RegExp(LATER_ROUND) })).toContainText(LATER_MODEL);

  // The latest round now is the new one: its findings compare with the demo round through the students.
  await page.getByRole('link', { name: '返回报告' }).click();
  const panel = findings(page);
  await expect(panel.getByText(`评测轮次「${LATER_ROUND}」`)).toBeVisible();
  await expect(panel.getByText(`上一轮：「${DEMO_ROUND}」`)).toBeVisible();
  await expect(panel.getByRole('heading', { name: '与上一轮相比' })).toBeVisible();
  await expect(
    panel.getByText(new RegExp(`与上一轮「${DEMO_ROUND}」相比，最佳模型（${LATER_MODEL}）相对学生的得分(上升|下降|无明显变化)`)).first(),
  ).toBeVisible();
  // The round selector takes the report to the demo round again.
  await page.getByRole('combobox', { name: '评测轮次' }).click();
  await page.getByRole('option', { name: `${DEMO_ROUND} · 2023-03-14` }).click();
  await expect(panel.getByText('没有更早的轮次')).toBeVisible();

  // Removing the round ungroups its run; the demo round is the latest again.
  await panel.getByRole('link', { name: '管理评测轮次' }).click();
  await page
    .getByTestId('rounds')
    .getByRole('row', { name: new RegExp(LATER_ROUND) })
    .getByRole('button', { name: '删除轮次' })
    .click();
  await expect(page.getByTestId('rounds')).not.toContainText(LATER_ROUND);
});
