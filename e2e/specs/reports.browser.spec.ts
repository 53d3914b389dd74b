import { expect, test } from '@playwright/test';
import { Workbook } from 'exceljs';
import { signIn } from '../support/accounts';

interface Figure {
  dimension: string;
  value: string;
  modelRate: number | null;
  diff: number | null;
}

test('a researcher opens the report, sees models against the synthetic cohort, drills down, and exports XLSX that reads back', async ({
  page,
}) => {
  await signIn(page, 'researcher');
  await page.getByRole('link', { name: '报告', exact: true }).click();

  // step: the sample cohorts are labelled synthetic, and the chart shows the recorded run by subject
  await expect(page.getByRole('note')).toContainText('合成数据');
  const chart = page.getByRole('img', { name: '各学科模型与学生得分率对比图' });
  await expect(chart).toBeVisible();
  for (const subject of ['数学', '语文', '英语', '历史']) await expect(chart.getByText(subject, { exact: true })).toBeVisible();
  await expect(chart.getByText(/高于学生|低于学生|持平/).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/report.png' });

  // step: the same figures come from the API, with a 95% interval for every compared subject
  const api = (await (await page.request.get('/api/reports')).json()) as { figures: (Figure & { ci: [number, number] | null })[] };
  const subjects = api.figures.filter((f) => f.dimension === 'subject' && f.modelRate !== null);
  expect(subjects.length).toBeGreaterThanOrEqual(9);
  for (const f of subjects) expect(f.ci![0]).toBeLessThanOrEqual(f.ci![1]);
  const math = subjects.find((f) => f.value === 'math')!;

  // step: a subject row drills down to the answers behind it
  await page
    .getByRole('row', { name: /数学 · \d+ 题/ })
    .first()
    .click();
  const panel = page.getByRole('dialog');
  await expect(panel).toContainText(/\d+ 条答案/);
  await expect(panel).toContainText('数学');
  await page.screenshot({ path: 'test-results/screens/report-drill.png' });
  await panel.getByRole('button', { name: '关闭' }).click();

  // step: filtering by subject narrows the chart to it (filters are not kept: a reload shows all again)
  await page.getByRole('combobox', { name: '学科（默认全部）' }).click();
  await page.getByRole('option', { name: '数学' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(chart.getByText('语文', { exact: true })).toHaveCount(0);
  await expect(chart.getByText('数学', { exact: true })).toBeVisible();
  await page.reload();
  await expect(chart.getByText('语文', { exact: true })).toBeVisible();

  // step: the XLSX export has its five sheets, the synthetic label, and the same math figure
  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = await (await download).path();
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['summary', 'by subject', 'by split', 'by question', 'marks']);
  const bySubject = wb.getWorksheet('by subject')!;
  const header = (bySubject.getRow(1).values as string[]).slice(1);
  const rows = bySubject.getRows(2, bySubject.rowCount - 1)!.map((r) => (r.values as (string | number)[]).slice(1));
  const mathRow = rows.find((r) => r[header.indexOf('value')] === 'math')!;
  expect(mathRow[header.indexOf('model_rate')]).toBeCloseTo(math.modelRate!, 4);
  expect(mathRow[header.indexOf('difference')]).toBeCloseTo(math.diff!, 4);
  expect(String(mathRow[header.indexOf('cohort')])).toMatch(/SYNTHETIC/);
});
