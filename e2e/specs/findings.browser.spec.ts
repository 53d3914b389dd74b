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
  const detail = (await (await api.get(`/api/papers/${id}`)).json()) as {
    questions: { number: string; answerKey: string }[];
  };
  const lines = detail.questions.map((q) =>
    JSON.stringify({
      paper: id,
      question: q.number,
      model: LATER_MODEL,
      sample: 0,
      response: `答案：${q.answerKey}`,
    }),
  );
  const imported = await api.post(`/api/runs/import?name=${encodeURIComponent(name)}`, {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: {
      file: {
        name: 'later.jsonl',
        mimeType: 'application/jsonl',
        buffer: Buffer.from(lines.join('\n')),
      },
    },
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
  await expect(
    panel.getByText('这是最早的一轮评测，没有上一轮可比，因此不报告变化。'),
  ).toBeVisible();
  // Synthetic students and pending points are said before any figure.
  await expect(panel.getByTestId('findings-synthetic')).toContainText('合成数据');
  // The panel follows every filter now: no note that it ignores them, and none narrowing it yet.
  await expect(panel.getByTestId('findings-scope')).toHaveCount(0);
  await expect(panel.getByTestId('findings-filtered')).toHaveCount(0);
  await expect(panel.getByTestId('findings-pending')).toContainText(/还有 \d+ 分的答案待评/);
  // The combined K12 sentence: the model, both rates, the interval, and what it rests on.
  // (The round spans the stages of its papers: the recorded run's senior papers, and the simulated
  // K12 run's primary and junior ones when the demo has it.)
  const combined = panel.getByRole('button', {
    name: /^K12 综合（[^）]*高中）：GPT-4-0314 \(GAOKAO-Bench\) 得分率 [\d.]+%/,
  });
  await expect(combined).toBeVisible();
  await expect(combined).toContainText(/95% CI [−+]?[\d.]+ 个百分点 至 [−+]?[\d.]+ 个百分点/);
  // A zero-including interval is worded as no difference, never as above or below.
  const text = (await combined.textContent())!;
  const [low, high] = [...text.matchAll(/([−+]?[\d.]+) 个百分点/g)]
    .slice(1, 3)
    .map((m) => Number(m[1].replace('−', '-')));
  if (low <= 0 && high >= 0) expect(text).toContain('无明显差异');
  else expect(text).toMatch(/高于|低于/);
  await expect(
    panel.getByText(/依据：已评 \d+ 分，待评 \d+ 分 · 合成学生数据/).first(),
  ).toBeVisible();
  // The humanities–sciences index, with its interval.
  await expect(panel.getByRole('heading', { name: '文强理弱' })).toBeVisible();
  await expect(panel.getByText(/文强理弱指数 [−+]?[\d.]+ 个百分点（95% CI/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('findings-zh.png') });

  // The sentence opens the answers behind it: the model's answers on the round's papers.
  await combined.click();
  const drill = page.getByRole('dialog');
  await expect(drill).toBeVisible();
  await expect(drill.getByRole('heading')).toContainText(/K12 综合（[^）]*高中）/);
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
    panel.getByRole('button', {
      name: /^Combined K12 \([^)]*Senior secondary\): GPT-4-0314 \(GAOKAO-Bench\) scores [\d.]+%/,
    }),
  ).toBeVisible();
  await expect(panel.getByTestId('findings-synthetic')).toContainText('not real students');
  await page.screenshot({ path: testInfo.outputPath('findings-en.png') });
  await page.getByRole('button', { name: '中文' }).click();
});

/** Opens a filter menu by its label, picks the options, and closes it. */
async function pick(page: Page, filter: string | RegExp, options: (string | RegExp)[]) {
  await page.getByRole('combobox', { name: filter }).click();
  for (const o of options) await page.getByRole('option', { name: o }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

/** The combined K12 sentence of the demo model, once the panel has loaded. */
const combinedOf = (page: Page) =>
  findings(page).getByRole('button', {
    name: /^K12 综合（[^）]*）：GPT-4-0314 \(GAOKAO-Bench\) 得分率/,
  });

test('the findings follow the filters: the scoring source and a model change the panel, and one subject says why it has no 文强理弱 index', async ({
  page,
  request,
}, testInfo) => {
  // The demo round's models, and a model that has no answers in it (the recorded judge, or any other).
  await apiSignIn(request, 'researcher');
  const rounds = (await (await request.get('/api/reports/rounds')).json()) as {
    name: string;
    runs: { models: string[] }[];
  }[];
  const inRound = new Set(rounds.find((r) => r.name === DEMO_ROUND)!.runs.flatMap((r) => r.models));
  const models = (await (await request.get('/api/models')).json()) as {
    name: string;
    isSimulated: boolean;
  }[];
  const outside = models.find((m) => !inRound.has(m.name))!;

  const simulated = models.find((m) => m.isSimulated && inRound.has(m.name))!;

  await openReport(page);
  const panel = findings(page);
  const teachers = (await combinedOf(page).textContent())!;
  // The demo's simulated K12 model is marked wherever it is shown: the panel, its lines, the report.
  await expect(panel.getByTestId('findings-simulated')).toContainText(
    `模拟模型（${simulated.name}）`,
  );
  await expect(panel.getByTestId('simulated-badge').first()).toHaveText('模拟');
  await expect(page.getByTestId('report-simulated')).toContainText(`模拟模型：${simulated.name}`);
  await expect(page.getByRole('table').getByTestId('simulated-badge').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('findings-before-zh.png') });

  // The judge's scores instead of the teachers': the panel says so, and the figure is the judge's.
  await page.getByRole('combobox', { name: '分数来源' }).click();
  await page.getByRole('option', { name: '仅评分模型（对照用）' }).click();
  await expect(panel.getByTestId('findings-scoring')).toContainText('分数来源：仅评分模型');
  await expect(combinedOf(page)).not.toHaveText(teachers);
  const judge = (await combinedOf(page).textContent())!;
  expect(judge).toMatch(/得分率 [\d.]+%/);
  await page.screenshot({ path: testInfo.outputPath('findings-judge-zh.png') });
  await page.getByRole('combobox', { name: '分数来源' }).click();
  await page.getByRole('option', { name: '仅教师评分' }).click();
  await expect(combinedOf(page)).toHaveText(teachers);

  // A model that took no part in the round: no figures, and the panel says the filter is why.
  await pick(page, '模型（默认全部）', [outside.name]);
  await expect(page.getByRole('combobox', { name: '模型', exact: true })).toBeVisible();
  await expect(panel.getByTestId('findings-filtered')).toHaveText('主要发现按所选的模型计算。');
  await expect(panel.getByTestId('findings-none')).toHaveText(
    '在所选筛选下，这一轮没有可与学生比较的已评分结果。',
  );
  await expect(combinedOf(page)).toHaveCount(0);
  // The recorded model alone: its own figures, over its own stages, and no field of several models.
  await page.getByRole('combobox', { name: '模型', exact: true }).click();
  await page.getByRole('option', { name: outside.name }).click();
  await page.getByRole('option', { name: /^GPT-4-0314/ }).click();
  await page.keyboard.press('Escape');
  await expect(combinedOf(page)).toHaveText(/^K12 综合（高中）：GPT-4-0314/);
  await expect(panel.getByText(/个模型中，最佳模型/)).toHaveCount(0);
  await expect(panel.getByTestId('findings-simulated')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('findings-model-zh.png') });
  await page.getByRole('combobox', { name: '模型', exact: true }).click();
  await page.getByRole('option', { name: /^GPT-4-0314/ }).click();
  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('findings-filtered')).toHaveCount(0);

  // One subject: no humanities to set against the sciences, said in words, in both languages.
  await pick(page, '学科（默认全部）', ['数学']);
  await expect(
    panel.getByText('所选筛选只留下理科的结果，没有文科可以对比，因此不计算文强理弱指数。'),
  ).toBeVisible();
  await expect(panel.getByRole('heading', { name: '各学科' })).toBeVisible();
  await expect(
    panel
      .getByTestId('finding.subject.some_above')
      .or(panel.getByTestId('finding.subject.none_above')),
  ).toHaveText(/数学\s*$/);
  await expect(combinedOf(page)).not.toHaveText(teachers);
  await page.screenshot({ path: testInfo.outputPath('findings-maths-zh.png') });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(panel.getByTestId('findings-filtered')).toHaveText(
    'The findings are computed on the chosen subjects.',
  );
  await expect(
    panel.getByText(
      'The chosen filters leave only Sciences results and no Humanities to compare them with, so there is no humanities–sciences index.',
    ),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('findings-maths-en.png') });
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
  await expect(
    page.getByRole('option', { name: /GPT-4-0314.*已在「GAOKAO-Bench 2023」/ }),
  ).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('option', { name: runName }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '新建轮次' }).click();
  await expect(
    page.getByTestId('rounds').getByRole('row', { name: new RegExp(LATER_ROUND) }),
  ).toContainText(LATER_MODEL);

  // The latest round now is the new one: its findings compare with the demo round through the students.
  await page.getByRole('link', { name: '返回报告' }).click();
  const panel = findings(page);
  await expect(panel.getByText(`评测轮次「${LATER_ROUND}」`)).toBeVisible();
  await expect(panel.getByText(`上一轮：「${DEMO_ROUND}」`)).toBeVisible();
  await expect(panel.getByRole('heading', { name: '与上一轮相比' })).toBeVisible();
  await expect(
    panel
      .getByText(
        new RegExp(
          `与上一轮「${DEMO_ROUND}」相比，最佳模型（${LATER_MODEL}）相对学生的得分(上升|下降|无明显变化)`,
        ),
      )
      .first(),
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
