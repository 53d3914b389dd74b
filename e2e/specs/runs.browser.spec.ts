import { expect, test } from '@playwright/test';
import { apiSignIn, signIn } from '../support/accounts';
import { startFakeOpenAI } from '../support/fake-openai';

test('a researcher registers a model, runs a paper against it, and watches it finish', async ({
  page,
}) => {
  const fake = await startFakeOpenAI();
  try {
    // step: the recorded GPT-4-0314 run from GAOKAO-Bench is already there
    await signIn(page, 'researcher');
    await page.getByRole('link', { name: '评测运行' }).click();
    await expect(page.getByRole('link', { name: /GPT-4-0314.*recorded run/ })).toBeVisible();

    // step: register a model at the local OpenAI-compatible endpoint
    await page.getByRole('link', { name: '模型', exact: true }).click();
    const form = page.getByRole('form', { name: 'register model' });
    await form.getByLabel('名称').fill('Local fake');
    await form.getByLabel('Base URL').fill(fake.url);
    await form.getByLabel('模型 ID').fill('fake-model');
    await form.getByRole('button', { name: '注册模型' }).click();
    await expect(page.getByRole('cell', { name: 'Local fake' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/models.png' });

    // step: a new run over the 2022 history paper shows the request count before it starts
    await page.goto('/runs/new');
    await page.getByRole('checkbox', { name: /Local fake/ }).check();
    await page.getByRole('checkbox', { name: /2022年.*历史/ }).check();
    await expect(page.getByRole('status')).toContainText('共 14 次请求');
    await page.screenshot({ path: 'test-results/screens/run-new.png' });
    await page.getByRole('button', { name: '开始运行' }).click();

    // step: the run page fills up and finishes; every answer is stored
    const progress = page.getByRole('region', { name: 'Local fake 的进度' });
    await expect(progress).toContainText('14 / 14', { timeout: 30_000 });
    await expect(page.getByText('已完成')).toBeVisible();
    await expect(page.getByText('【解析】略。').first()).toBeVisible();

    // step: an answer opens on the question exactly as the model received it, then the raw output
    await page.locator('summary').first().click();
    await expect(page.getByText('模型收到的题目')).toBeVisible();
    await expect(page.locator('pre.prompt').first()).toContainText('第1题');
    await expect(page.locator('pre.prompt').first()).toContainText('【答案】');
    await page.screenshot({ path: 'test-results/screens/run-view.png' });
    expect(fake.count()).toBe(14);
  } finally {
    await fake.stop();
  }
});

test('the recorded GPT-4-0314 run is auto-graded: each objective answer shows key, reading, source, score and why', async ({
  page,
}) => {
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '评测运行' }).click();
  await page.getByRole('link', { name: /GPT-4-0314.*recorded run/ }).click();
  await expect(page.getByText('标准答案').first()).toBeVisible();

  // step: every objective answer of the recorded run has a grade with its explanation
  const runId = page.url().split('/').pop();
  const answers = (await (
    await page.request.get(`/api/runs/${runId}/answers?limit=500`)
  ).json()) as {
    type: string;
    grades: { status: string; explanation: string; method: string }[] | null;
  }[];
  const objective = answers.filter((a) =>
    ['single_choice', 'multiple_choice', 'true_false', 'fill_blank'].includes(a.type),
  );
  expect(objective.length).toBeGreaterThan(80);
  for (const a of objective) {
    expect(a.grades).toHaveLength(1);
    expect(a.grades![0].explanation).not.toBe('');
  }
  const statuses = new Set(objective.map((a) => a.grades![0].status));
  expect(statuses).toContain('correct');
  expect(statuses).toContain('wrong');
  await expect(page.locator('yj-answer-grade .chip', { hasText: '正确' }).first()).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screens/run-graded.png' });

  // step: the unparsed filter shows only answers a teacher must read
  await page.getByRole('button', { name: '无法识别', exact: true }).click();
  await expect(page.getByRole('button', { name: '无法识别', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const unparsed = objective.filter((a) => a.grades![0].status === 'unparsed').length;
  await expect(page.locator('tbody tr')).toHaveCount(
    unparsed +
      answers.filter(
        (a) => a.grades?.some((g) => g.status === 'unparsed') && !objective.includes(a),
      ).length,
  );
  await page.screenshot({ path: 'test-results/screens/run-unparsed.png' });

  // step: a re-grade with nothing changed reports it
  await page.getByRole('button', { name: '按当前答案重新评分' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已重新评分' })).toContainText(
    '0 份有变化',
  );
});

test('ten samples of one question are grouped and numbered, and their answers typeset, in Chinese and English', async ({
  page,
  request,
}) => {
  // step: a model's ten samples of the first 2022 maths question, with formulas, imported as a run
  const csrf = await apiSignIn(request, 'researcher');
  const papers = (await (await request.get('/api/papers')).json()) as {
    id: string;
    title: string;
  }[];
  const maths = papers.find((p) => /2022年.*数学/.test(p.title))!;
  const lines = Array.from({ length: 10 }, (_, sample) =>
    JSON.stringify({
      paper: maths.id,
      question: '1',
      model: 'E2E 十样本模型',
      sample,
      response: `第 ${sample + 1} 次：由 $\\frac{1}{2}+\\sqrt{4}=x^2$ 可得，答案：A`,
    }),
  );
  const imported = await request.post(`/api/runs/import?name=${encodeURIComponent('E2E 十样本')}`, {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: {
      file: {
        name: 'ten.jsonl',
        mimeType: 'application/jsonl',
        buffer: Buffer.from(lines.join('\n')),
      },
    },
  });
  expect(imported.status()).toBe(201);

  // step: the run page shows one group for the question and model, with samples 1 to 10 in order
  await signIn(page, 'researcher');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/runs/${(await imported.json()).runId}`);
  const group = page.getByRole('rowgroup').filter({ hasText: '10 个样本' });
  await expect(group.getByRole('row').first()).toContainText('· 1 · E2E 十样本模型');
  const samples = group.locator('.sample');
  await expect(samples).toHaveText(Array.from({ length: 10 }, (_, i) => `样本 ${i + 1}`));
  await expect(page.getByText(/导入的结果 · 未使用模板 /)).toBeVisible();

  // step: each preview is typeset (KaTeX fraction and root), with no LaTeX source showing
  const first = group.getByRole('row').nth(1);
  await expect(first.locator('summary .katex').first()).toBeVisible();
  await expect(first.locator('summary .katex .mfrac')).toHaveCount(1);
  await expect(first.locator('summary')).not.toContainText('\\frac');
  await expect(first.locator('summary')).toContainText('第 1 次');
  await page.screenshot({ path: 'test-results/screens/run-samples.png' });

  // step: in English the samples and progress are in English, counted with plurals
  await page.getByRole('button', { name: 'English' }).click();
  const en = page.getByRole('rowgroup').filter({ hasText: '10 samples' });
  await expect(en.locator('.sample').first()).toHaveText('Sample 1');
  await expect(page.getByText(/imported results · template .+ not used/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Progress of E2E 十样本模型' })).toContainText(
    'tokens:',
  );
  await expect(page.getByText('10 answers shown, grouped by question and model')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/run-samples-en.png' });
});

test('a run on primary papers reaches the report, sliced by stage and grade against the synthetic students', async ({
  page,
  request,
}) => {
  // A model that answers blanks with a number and a counting word (graded by numeric equivalence), choices with "A".
  const fake = await startFakeOpenAI(20, (body) =>
    body.includes('【第1空】') ? '【第1空】12元' : '【解析】略。\n【答案】A',
  );
  try {
    // step: a run over the grade-3 CMATH paper and the primary Chinese paper, through the API
    const csrf = await apiSignIn(request, 'researcher');
    const headers = { 'X-XSRF-TOKEN': csrf };
    const papers = (await (await request.get('/api/papers?stage=primary')).json()) as {
      id: string;
      slug: string;
    }[];
    const paperIds = ['cmath-grade-3-math', 'e-eval-primary-chinese'].map(
      (s) => papers.find((p) => p.slug === s)!.id,
    );
    const model = await request.post('/api/models', {
      headers,
      data: { name: 'Primary fake', baseUrl: fake.url, modelId: 'fake-primary', modality: 'text' },
    });
    expect(model.ok()).toBe(true);
    const run = await request.post('/api/runs', {
      headers,
      data: { name: 'Primary run', paperVersionIds: paperIds, modelIds: [(await model.json()).id] },
    });
    expect(run.ok()).toBe(true);
    const runId = (await run.json()).id;
    await expect
      .poll(async () => (await (await request.get(`/api/runs/${runId}`)).json()).status, {
        timeout: 60_000,
      })
      .toBe('finished');

    // step: the blanks were graded, not left for teachers: "12元" is a number the grader reads
    const answers = async () =>
      (await (await request.get(`/api/runs/${runId}/answers?limit=100`)).json()) as {
        type: string;
        grades: { status: string }[] | null;
      }[];
    await expect
      .poll(async () => (await answers()).filter((a) => a.grades?.length).length, {
        timeout: 30_000,
      })
      .toBe(36);
    const blanks = (await answers()).filter((a) => a.type === 'fill_blank');
    expect(blanks.length).toBe(20);
    expect(blanks.every((a) => ['correct', 'wrong'].includes(a.grades![0].status))).toBe(true);

    // step: the report, split by stage, has a primary row for the model, scored against students
    await signIn(page, 'researcher');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/reports');
    await page.getByRole('radio', { name: '学段', exact: true }).click();
    const stageRow = page.getByRole('row', { name: /Primary fake.*小学/ });
    await expect(stageRow).toBeVisible();
    await expect(stageRow.getByRole('cell').nth(2)).toHaveText(/^\d+\.\d%$/);
    await expect(stageRow.getByRole('cell').nth(3)).toHaveText(/^\d+\.\d%$/);
    await expect(page.getByRole('row', { name: /GPT-4-0314.*高中/ })).toBeVisible();

    // step: split by grade, the model's rows are grades 3 and 6, apart from the Gaokao grade 12
    await page.getByRole('radio', { name: '年级', exact: true }).click();
    await expect(page.getByRole('row', { name: /Primary fake.*3 年级/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Primary fake.*6 年级/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Primary fake.*12 年级/ })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/report-by-grade.png' });
  } finally {
    await fake.stop();
  }
});

test('the simulated K12 model is shown as simulated on the models page and its run says so (zh, en)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'researcher');
  // step: the runs list names the simulated run apart from the recorded one
  await page.goto('/runs');
  await expect(page.getByRole('link', { name: /yuejuan-sim-k12 · simulated run/ })).toBeVisible();
  // step: the models page badges the simulated model, and only it
  await page.goto('/runs/models');
  const sim = page.getByRole('row').filter({ hasText: 'yuejuan-sim-k12' });
  await expect(sim.getByText('模拟模型', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('row').filter({ hasText: 'GPT-4-0314' }).getByText('模拟模型'),
  ).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/models-simulated-zh.png' });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(sim.getByText('simulated', { exact: true })).toBeVisible();
  await expect(sim.getByText('simulated', { exact: true })).toHaveAttribute(
    'title',
    /not written by a model/,
  );
  await page.screenshot({ path: 'test-results/screens/models-simulated-en.png' });
  await page.getByRole('button', { name: '中文' }).click();
});
