import { APIRequestContext, expect, test } from '@playwright/test';
import { apiSignIn, signIn } from '../support/accounts';
import { startFakeOpenAI } from '../support/fake-openai';

const SCREENS = 'test-results/screens';

/**
 * The judge proven before trusted, end to end. The e2e server runs with small acceptance bars
 * (JUDGE_VALIDATION_MIN_ANSWERS=8, JUDGE_VALIDATION_MIN_HUMAN_PAIRS=4 in playwright.config.ts) so
 * a journey can reach them; the rule is the same as with the defaults (30, 10).
 * Two score-mode questions of the recorded run get 8 answers each from two models; each answer
 * carries its "true" score as a token 〔A3〕 (question A) or 〔B3〕 (question B). Teachers give that
 * score; the local judge gives it on A and two points more on B (a lenient judge).
 */
const token = (q: 'A' | 'B', d: number) => `〔${q}${d}〕`;
const scoreOf = (text: string) => Number(/〔[AB](\d+)〕/.exec(text)?.[1] ?? 0);

interface MarkingQuestion {
  questionId: string;
  number: string;
  paperTitle: string;
  points: number;
  paperVersionId: string;
}

async function scoreModeQuestions(api: APIRequestContext): Promise<MarkingQuestion[]> {
  await apiSignIn(api, 'admin');
  await apiSignIn(api, 'teacher');
  const qs = (await (await api.get('/api/marking/questions')).json()) as (MarkingQuestion & {
    isObjective: boolean;
    mode: string;
    subject: string;
  })[];
  // the marking journey marks the first subjective question the recorded run answered
  // (support/recorded-run.ts) and counts the teacher's reads there from zero: keep clear of it
  await apiSignIn(api, 'researcher');
  const runs = (await (await api.get('/api/runs')).json()) as { id: string; name: string }[];
  const recorded = runs.find((r) => /recorded run/.test(r.name))!;
  const answers = (await (await api.get(`/api/runs/${recorded.id}/answers?limit=500`)).json()) as {
    questionId: string;
    type: string;
    state: string;
  }[];
  const theirs = answers.find(
    (x) => x.state === 'answered' && ['short_answer', 'calculation', 'essay'].includes(x.type),
  )?.questionId;
  await apiSignIn(api, 'admin');
  const out: MarkingQuestion[] = [];
  // the judging journey flags 2018 history 9 as a problem, the marking-screen journey adds answers to maths
  // questions and reads past at most a few others: keep clear of both
  for (const q of qs.filter(
    (x) =>
      !x.isObjective &&
      x.mode === 'double' &&
      x.points <= 12 &&
      x.number !== '9' &&
      x.questionId !== theirs &&
      x.subject !== 'math',
  )) {
    const r = await (await api.get(`/api/marking/questions/${q.questionId}/rubric`)).json();
    if ((r.rubric ?? r).mode === 'score') out.push(q);
    if (out.length === 2) break;
  }
  expect(out).toHaveLength(2);
  return out;
}

/** A teacher reads the answers served first (the validation sample) and gives each its token's score. */
async function markServed(api: APIRequestContext, user: string, questionId: string, count: number) {
  const csrf = await apiSignIn(api, user);
  for (let i = 0; i < count; i++) {
    const task = await (
      await api.post(`/api/marking/questions/${questionId}/next`, {
        headers: { 'X-XSRF-TOKEN': csrf },
      })
    ).json();
    expect(task.taskId).toBeTruthy();
    const res = await api.post(`/api/marking/tasks/${task.taskId}/marks`, {
      headers: { 'X-XSRF-TOKEN': csrf },
      data: { leaseToken: task.leaseToken, score: scoreOf(task.answer.text) },
    });
    expect(res.status()).toBe(201);
  }
}

test('a researcher proves a judge against the teachers: validation sample, teachers mark it, validated on one question and not the other, and the report counts its points', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const [qa, qb] = await scoreModeQuestions(request);
  const fake = await startFakeOpenAI(5, (body) => {
    const m = /〔([AB])(\d+)〕/.exec(body);
    const d = Number(m?.[2] ?? 0);
    const total = m?.[1] === 'B' ? Math.min(qb.points, d + 2) : d;
    return JSON.stringify({
      applied_items: [],
      adjustment: 0,
      total,
      rationale: `按要点给 ${total} 分`,
    });
  });
  try {
    const rowOf = (q: MarkingQuestion) =>
      page
        .getByTestId('judge-questions')
        .getByRole('row')
        .filter({ hasText: `${q.paperTitle} · ${q.number}` });
    // step: the recorded GAOKAO-Bench judge is on the quality page, with the rule, validated nowhere yet
    await signIn(page, 'researcher');
    await page.goto('/quality/judge');
    await expect(
      page.getByRole('heading', { name: 'AI 阅卷评估：评分模型与教师对照' }),
    ).toBeVisible();
    await expect(page.getByRole('combobox', { name: '评分模型' })).toContainText(
      'GPT-4-1106-preview (GAOKAO-Bench judge)',
    );
    await expect(page.getByText(/验收规则：至少比较 8 份/)).toBeVisible();
    await expect(
      page.getByTestId('judge-questions').getByText('未验证', { exact: true }).first(),
    ).toBeVisible();
    await expect(page.getByTestId('judge-questions').getByText('已验证')).toHaveCount(0);
    // the list says how many questions it is validated on, and each row why not
    await expect(page.getByTestId('judge-summary')).toContainText(
      /已在 \d+ 道题中的 0 道上通过验证/,
    );
    await expect(
      page
        .getByTestId('judge-questions')
        .getByText(/至少需要 8 份/)
        .first(),
    ).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/judge-quality-recorded-zh.png` });

    // step: answers by two models to both questions; a local judge reads every answer of both
    const csrf = await apiSignIn(request, 'researcher');
    const lines = ['e2e-judged-a', 'e2e-judged-b'].flatMap((model) =>
      [qa, qb].flatMap((q, k) =>
        Array.from({ length: 8 }, (_, s) =>
          JSON.stringify({
            paper: q.paperVersionId,
            question: q.number,
            model,
            sample: s,
            response: `要点如下 ${token(k ? 'B' : 'A', (s * 3 + (model.endsWith('b') ? 1 : 0)) % (Math.min(q.points, 10) - 1))}`,
          }),
        ),
      ),
    );
    const imported = await request.post('/api/runs/import?name=e2e-judged', {
      headers: { 'X-XSRF-TOKEN': csrf },
      multipart: {
        file: {
          name: 'judged.jsonl',
          mimeType: 'application/jsonl',
          buffer: Buffer.from(lines.join('\n')),
        },
      },
    });
    expect(imported.status()).toBe(201);
    const judge = await request.post('/api/models', {
      headers: { 'X-XSRF-TOKEN': csrf },
      data: {
        name: 'E2E judge',
        baseUrl: fake.url,
        modelId: 'fake-judge',
        modality: 'text',
        isJudge: true,
      },
    });
    expect(judge.status()).toBe(201);
    const judgeId = (await judge.json()).id as string;
    for (const q of [qa, qb]) {
      const run = await request.post('/api/judging/runs', {
        headers: { 'X-XSRF-TOKEN': csrf },
        data: { judgeModelId: judgeId, questionId: q.questionId },
      });
      expect(run.status()).toBe(201);
      const runId = (await run.json()).id as string;
      await expect
        .poll(async () => (await (await request.get(`/api/judging/runs/${runId}`)).json()).status, {
          timeout: 60_000,
        })
        .toMatch(/done|completed|finished/);
    }

    // step: on the quality page, the researcher picks the local judge and asks for a validation sample of question A (and B)
    await page.reload();
    await page.getByRole('combobox', { name: '评分模型' }).click();
    await page.getByRole('option', { name: /E2E judge/ }).click();
    const sampled = new Map<string, number>();
    for (const q of [qa, qb]) {
      await rowOf(q).getByRole('button', { name: '查看' }).click();
      await page.getByLabel('每层份数').fill('5');
      await page.getByRole('button', { name: '抽取验证样本' }).click();
      // 5 from each of the two new models, plus a stratum of one for every other writer with an unread
      // answer here (the recorded GPT-4-0314, and models earlier journeys on this server ran): at least 10
      await expect(page.getByText(/已抽取 \d+ 份答案/)).toBeVisible();
      const [s] = await (
        await request.get(`/api/judge-quality/questions/${q.questionId}/validation-samples`)
      ).json();
      expect(s.taskCount).toBeGreaterThanOrEqual(10);
      await expect(page.getByText(`已抽取 ${s.taskCount} 份答案`)).toBeVisible();
      await expect(page.getByText(`每层 5 份 · 共 ${s.taskCount} 份，已评完 0 份`)).toBeVisible();
      sampled.set(q.questionId, s.taskCount);
    }
    await page.screenshot({ path: `${SCREENS}/judge-quality-sample-zh.png` });

    // step: both demo teachers mark what their queues serve first: the sample
    for (const q of [qa, qb]) {
      await markServed(request, 'teacher', q.questionId, sampled.get(q.questionId)!);
      await markServed(request, 'teacher2', q.questionId, sampled.get(q.questionId)!);
    }

    // step: the judge is validated on A (it reads like the teachers) and not on B (two points lenient)
    await signIn(page, 'researcher');
    await page.goto('/quality/judge');
    await page.getByRole('combobox', { name: '评分模型' }).click();
    await page.getByRole('option', { name: /E2E judge/ }).click();
    await expect(rowOf(qa).getByText('已验证', { exact: true })).toBeVisible();
    await expect(rowOf(qb).getByText('未验证', { exact: true })).toBeVisible();
    await expect(rowOf(qb).locator('.why')).toContainText('未验证：');
    await rowOf(qb).getByRole('button', { name: '查看' }).click();
    await expect(page.locator('p.verdict')).toContainText('未验证：');
    await expect(page.getByText('评分模型 对 教师最终分')).toBeVisible();
    await expect(
      page.getByRole('heading', { name: '分歧最大的答案（供阅卷组长复核）' }),
    ).toBeVisible();
    await expect(page.getByText(/按要点给 \d+ 分/).first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/judge-quality-zh.png`, fullPage: true });
    // the lower half: confusion matrix, disagreements with the judge's rationale beside the teachers' reads
    await page
      .getByRole('heading', { name: '分歧最大的答案（供阅卷组长复核）' })
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/judge-quality-disagreements-zh.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(rowOf(qa).getByText('Validated', { exact: true })).toBeVisible();
    await expect(page.getByText('Where they disagree most (for a senior to read)')).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/judge-quality-en.png`, fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();

    // step: the report in "teachers, else validated judge": A's unread answers come from the judge, B's from nowhere yet
    await apiSignIn(request, 'researcher');
    const api = await (
      await request.get(
        `/api/reports?scoringSource=teachers_else_validated_judge&judge=${judgeId}&judgeTemplate=judge-v1`,
      )
    ).json();
    const entry = api.entries.find(
      (e: { modelName: string; runName: string }) =>
        e.modelName === 'e2e-judged-a' && e.runName === 'e2e-judged',
    );
    const overall = api.figures.find(
      (f: { entryKey: string; dimension: string }) =>
        f.entryKey === entry.key && f.dimension === 'overall',
    );
    // 8 answers per question, 5 marked by teachers: 3/8 of A's points by the judge, 3/8 of B's pending
    expect(overall.sourcePoints.teachers).toBeCloseTo((5 / 8) * (qa.points + qb.points), 6);
    expect(overall.sourcePoints.judge).toBeCloseTo((3 / 8) * qa.points, 6);
    expect(overall.sourcePoints.none).toBeCloseTo((3 / 8) * qb.points, 6);
    await page.goto('/reports');
    await page.getByRole('combobox', { name: '分数来源' }).click();
    await page.getByRole('option', { name: '教师评分，未评完处用已验证的评分模型' }).click();
    await page.getByTestId('scoring-judge').click();
    await page.getByRole('option', { name: /E2E judge/ }).click();
    await expect(page.getByText(/评分模型 E2E judge 在 1 道题上通过验证/)).toBeVisible();
    const judgePts = ((3 / 8) * qa.points).toFixed(1).replace(/\.0$/, '');
    await expect(
      page
        .getByTestId('source-points')
        .filter({ hasText: `评分模型 ${judgePts}` })
        .first(),
    ).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/report-scoring-zh.png` });
    await page.getByRole('combobox', { name: '分数来源' }).click();
    await page.getByRole('option', { name: '仅评分模型（对照用）' }).click();
    await expect(page.getByTestId('judge-only-note')).toContainText('仅供与教师评分对照');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('judge-only-note')).toContainText(
      'for comparison with the teachers only',
    );
    await page.screenshot({ path: `${SCREENS}/report-scoring-en.png` });
    await page.getByRole('button', { name: '中文' }).click();
  } finally {
    await fake.stop();
  }
});
