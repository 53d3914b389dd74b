import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { Workbook } from 'exceljs';
import { apiSignIn, signIn } from '../support/accounts';

interface Figure {
  entryKey: string;
  dimension: string;
  value: string;
  questions: number;
  leftOut: { pending: number; notScored: number; notApplicable: number; noCohort: number };
  basis: { points: number; objectivePoints: number };
  coverage: { totalPoints: number };
  modelRate: number | null;
  cohortRate: number | null;
  diff: number | null;
}

const CHEMISTRY_2022 = /2022年.*化学/;
const SECOND_MODEL = 'E2E 对照模型';

/** The 2022 chemistry paper (three single-choice questions) with its keys. */
async function chemistryPaper(api: APIRequestContext) {
  const papers = (await (await api.get('/api/papers')).json()) as { id: string; title: string }[];
  const { id, title } = papers.find((p) => CHEMISTRY_2022.test(p.title))!;
  const detail = (await (await api.get(`/api/papers/${id}`)).json()) as {
    questions: { number: string; answerKey: string }[];
  };
  return { id, title, questions: detail.questions };
}

/** A second model's run on the 2022 chemistry paper, every answer right (imported once). */
async function ensureSecondModel(api: APIRequestContext) {
  const csrf = await apiSignIn(api, 'researcher');
  const runs = (await (await api.get('/api/runs')).json()) as { name: string }[];
  const name = `${SECOND_MODEL} 化学`;
  if (runs.some((r) => r.name === name)) return;
  const chemistry = await chemistryPaper(api);
  const lines = chemistry.questions.map((q) =>
    JSON.stringify({
      paper: chemistry.id,
      question: q.number,
      model: SECOND_MODEL,
      sample: 0,
      response: `答案：${q.answerKey}`,
    }),
  );
  const imported = await api.post(`/api/runs/import?name=${encodeURIComponent(name)}`, {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: {
      file: {
        name: 'second.jsonl',
        mimeType: 'application/jsonl',
        buffer: Buffer.from(lines.join('\n')),
      },
    },
  });
  expect(imported.status()).toBe(201);
}

/** Opens a filter menu by its label, picks the options, and closes it. */
async function pick(page: Page, filter: string | RegExp, options: (string | RegExp)[]) {
  await page.getByRole('combobox', { name: filter }).click();
  for (const o of options) await page.getByRole('option', { name: o }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

test('a researcher opens the report, sees models against the synthetic cohort, drills down, and exports XLSX that reads back', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '报告', exact: true }).click();

  // step: the sample cohorts are labelled synthetic, and the chart shows the recorded run by subject
  // The report's own note (the findings panel above has notes of its own).
  await expect(page.getByRole('note').filter({ hasText: '本报告的学生数据' })).toContainText(
    '合成数据',
  );
  const chart = page.getByRole('img', { name: '各学科模型与学生得分率对比图' });
  await expect(chart).toBeVisible();
  for (const subject of ['数学', '语文', '英语', '历史'])
    await expect(chart.getByText(subject, { exact: true })).toBeVisible();
  await expect(chart.getByText(/高于学生|低于学生|持平/).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/report.png' });

  // step: the same figures come from the API, with a 95% interval for every compared subject
  const api = (await (await page.request.get('/api/reports')).json()) as {
    figures: (Figure & { ci: [number, number] | null })[];
  };
  const subjects = api.figures.filter((f) => f.dimension === 'subject' && f.modelRate !== null);
  expect(subjects.length).toBeGreaterThanOrEqual(9);
  for (const f of subjects) expect(f.ci![0]).toBeLessThanOrEqual(f.ci![1]);
  const math = subjects.find((f) => f.value === 'math')!;

  // step: the maths row counts only the questions its rates use, says how many were left out and
  // why, and the chart says what share of the points the verdict rests on
  const mathRow = page.getByRole('row', { name: /数学 · \d+ 题/ }).first();
  await expect(mathRow).toContainText(`数学 · ${math.questions} 题`);
  if (math.leftOut.pending)
    await expect(mathRow).toContainText(
      `另有 ${math.leftOut.pending} 题未计入：待评 ${math.leftOut.pending} 题`,
    );
  const share = Math.round((100 * math.basis.points) / math.coverage.totalPoints);
  const kind = math.basis.objectivePoints === math.basis.points ? '全为客观题' : '客观题占';
  await expect(chart).toContainText(`依据 ${share}% 的分值，${kind}`);

  // step: a subject row drills down to the answers behind it, in words; Escape closes it and gives the focus back
  await mathRow.click();
  const panel = page.getByRole('dialog');
  await expect(panel).toContainText(/\d+ 条答案 · \d+ 套试卷/);
  await expect(panel.getByRole('heading')).toHaveText(/· 数学$/);
  await expect(panel).toContainText('样本 1');
  await expect(panel).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/report-drill.png' });
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(mathRow).toBeFocused();
  await mathRow.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // step: filtering by subject narrows the chart to it and the overall row says so (filters are
  // not kept: a reload shows all again)
  // (The recorded model's row: the demo also has a simulated K12 model.)
  const overall = page.getByRole('row', { name: /GPT-4-0314.*全部学科/ });
  await expect(overall).toContainText(/全部学科 · \d+ 套试卷/);
  await pick(page, '学科（默认全部）', ['数学']);
  await expect(chart.getByText('语文', { exact: true })).toHaveCount(0);
  await expect(chart.getByText('数学', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('row', { name: /GPT-4-0314.*合计：数学 · \d+ 套试卷/ }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /全部学科/ })).toHaveCount(0);
  await page.reload();
  await expect(chart.getByText('语文', { exact: true })).toBeVisible();

  // step: the XLSX export has its five sheets, the synthetic label, and the same math figure
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = await (await download).path();
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  // The demo has a round, so the export carries its headline findings too.
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    'summary',
    'by subject',
    'by split',
    'by question',
    'findings',
    'marks',
  ]);
  const bySubject = wb.getWorksheet('by subject')!;
  const header = (bySubject.getRow(1).values as string[]).slice(1);
  const rows = bySubject
    .getRows(2, bySubject.rowCount - 1)!
    .map((r) => (r.values as (string | number)[]).slice(1));
  const mathSheetRow = rows.find((r) => r[header.indexOf('value')] === 'math')!;
  expect(mathSheetRow[header.indexOf('model_rate')]).toBeCloseTo(math.modelRate!, 4);
  expect(mathSheetRow[header.indexOf('difference')]).toBeCloseTo(math.diff!, 4);
  expect(mathSheetRow[header.indexOf('questions')]).toBe(math.questions);
  expect(String(mathSheetRow[header.indexOf('cohort')])).toMatch(/SYNTHETIC/);
});

test('the model filter reaches the report: two models are named under each subject in colours that are not verdicts, then one is chosen', async ({
  page,
  request,
}) => {
  // step: a second model answers the 2022 chemistry paper (all three right), imported as a run
  await ensureSecondModel(request);

  // step: with two models, chemistry has a heading and one named row per model
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '报告', exact: true }).click();
  const chart = page.getByRole('img', { name: '各学科模型与学生得分率对比图' });
  await expect(chart.getByText(SECOND_MODEL).first()).toBeVisible();
  await expect(chart.getByText(/GPT-4-0314/).first()).toBeVisible();
  await expect(chart.getByText('化学', { exact: true })).toBeVisible();
  // Neither model is drawn in a verdict's blue or red.
  const fills = await chart
    .locator('circle')
    .evaluateAll((cs) => [...new Set(cs.map((c) => c.getAttribute('fill')))]);
  // One colour per model of the report (the demo's simulated K12 model is one more).
  const entries = (
    (await (await page.request.get('/api/reports')).json()) as { entries: unknown[] }
  ).entries;
  expect(fills).toHaveLength(entries.length);
  for (const verdict of ['#1565c0', '#c62828']) expect(fills).not.toContain(verdict);
  await page.setViewportSize({ width: 1366, height: 768 });
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/report-two-models.png' });

  // step: choosing the second model leaves only its rows: chemistry, at 100%, and no GPT-4
  await pick(page, '模型（默认全部）', [SECOND_MODEL]);
  await expect(chart.getByText(/GPT-4-0314/)).toHaveCount(0);
  await expect(chart.getByText('数学', { exact: true })).toHaveCount(0);
  await expect(chart.getByText('化学', { exact: true })).toBeVisible();
  const row = page.getByRole('row', { name: /化学 · 3 题/ });
  await expect(row).toContainText(SECOND_MODEL);
  await expect(row).toContainText('100.0%');
  await expect(page.getByRole('row', { name: /GPT-4-0314/ })).toHaveCount(0);
});

test('the run filter reaches the report: choosing the recorded run leaves the second model out', async ({
  page,
  request,
}) => {
  await ensureSecondModel(request);
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '报告', exact: true }).click();
  const chart = page.getByRole('img', { name: '各学科模型与学生得分率对比图' });
  await expect(chart.getByText(SECOND_MODEL).first()).toBeVisible();

  // step: only the recorded GPT-4-0314 run: one model again, its subjects labelled without model names
  await pick(page, '评测运行（默认全部）', [/GPT-4-0314.*recorded run/]);
  await expect(chart.getByText(SECOND_MODEL)).toHaveCount(0);
  await expect(page.getByRole('row', { name: new RegExp(SECOND_MODEL) })).toHaveCount(0);
  await expect(chart.getByText('数学', { exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /GPT-4-0314.*全部学科/ })).toBeVisible();
});

test('the paper filter reaches the report, in English with plural forms: one paper, its questions, its answers', async ({
  page,
  request,
}) => {
  await ensureSecondModel(request);
  await signIn(page, 'researcher');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  const chart = page.getByRole('img', {
    name: 'Chart of model and student score rates by subject',
  });
  await expect(chart.getByText('Chinese', { exact: true })).toBeVisible();

  // step: only the 2022 maths paper: the chart has maths alone, the heat map that paper's questions
  await pick(page, 'Papers (all by default)', [/Math · 2022年/]);
  await expect(chart.getByText('Chinese', { exact: true })).toHaveCount(0);
  await expect(chart.getByText('Math', { exact: true })).toBeVisible();
  await expect(chart).toContainText(/on \d+% of the points, all objective/);
  // The second model did not answer it: it has no rows and is not in the legend.
  await expect(page.getByText(SECOND_MODEL)).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Total: Math · 1 paper\b/ })).toBeVisible();
  const heat = page.getByRole('table').last();
  await expect(heat.getByRole('row').nth(1)).toContainText('2022年');
  await expect(heat.getByText(/2018年/)).toHaveCount(0);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screens/report-paper-en.png' });

  // step: one heat-map cell opens one answer, counted in the singular, with no Chinese labels around it
  await heat.locator('td.cell:not(.grey)').first().click();
  const panel = page.getByRole('dialog');
  await expect(panel).toContainText('1 answer · 1 paper');
  await expect(panel).toContainText('sample 1');
  await expect(panel.getByRole('heading')).toContainText('question');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('the cohort filter reaches the report: a chosen cohort replaces the newest for its paper', async ({
  page,
  request,
}) => {
  // step: a cohort in which nobody scored on the 2022 chemistry paper becomes that paper's newest
  await ensureSecondModel(request);
  const csrf = await apiSignIn(request, 'researcher');
  const chemistry = await chemistryPaper(request);
  const csv = ['question,count,mean', ...chemistry.questions.map((q) => `${q.number},50,0`)].join(
    '\n',
  );
  const created = await request.post('/api/cohorts', {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: {
      paperVersionId: chemistry.id,
      name: '零分班',
      file: { name: 'zero.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    },
  });
  expect(created.status()).toBe(201);

  // step: by default the report compares chemistry with it: students at 0%, the second model (all right) above them
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '报告', exact: true }).click();
  await pick(page, '学科（默认全部）', ['化学']);
  await pick(page, '试卷（默认全部）', [CHEMISTRY_2022]);
  const second = page.getByRole('row', { name: new RegExp(`${SECOND_MODEL}.*化学 · 3 题`) });
  await expect(second.getByRole('cell').nth(3)).toHaveText('0.0%');
  await expect(second).toContainText('高于学生');

  // step: choosing the synthetic cohort of that paper brings its students back
  await pick(page, '学生群体（默认每卷最新）', [/2022年.*化学.*合成学生（1000 人）/]);
  await expect(second.getByRole('cell').nth(3)).not.toHaveText('0.0%');
  await expect(second.getByRole('cell').nth(3)).toHaveText(/^\d+\.\d%$/);
  // The report's own note (the findings panel above has notes of its own).
  await expect(page.getByRole('note').filter({ hasText: '本报告的学生数据' })).toContainText(
    '合成数据',
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screens/report-cohort.png' });
});
