import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

const COLLECTION = { isWorker: false, leaseSeconds: 60, maxAttempts: 3, timeoutMs: 1000, backoffBaseMs: 10, backoffMaxMs: 100 };
/** Small bars so 40 constructed answers per question reach them (defaults: 30 answers, 10 pairs). */
const THRESHOLDS = { minAnswers: 20, minHumanPairs: 10, maxQwkDrop: 0.05, maxSmd: 0.15 };
export const JUDGE_TABLES = `TRUNCATE judge_reads, auto_grades, cohort_question_stats, cohort_students, cohorts, marks, marking_skips, marking_tasks, attempts,
  work_items, run_models, run_papers, responses, runs, ai_models CASCADE`;

/**
 * Constructs, on the mini paper, 40 answers (two models × 20 samples) to question 7 (0–6, items)
 * and to question 6 (0–4, score), each double-marked by two teachers, and a judge's reads of all
 * of them. Question 7: the judge reads like the teachers. Question 6: the judge gives one answer in
 * three (i = 0, 3, …, 39: 14 of 40) a point more than the final score: mean difference 14/40 = 0.35,
 * which agrees well (high QWK) and is biased all the same.
 */
export async function constructJudged(t: TestApp, http: Agent) {
  await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
  const lines: string[] = [];
  for (const model of ['alpha', 'beta'])
    for (let s = 0; s < 20; s++)
      for (const question of ['5-6', '7'])
        lines.push(JSON.stringify({ paper: 'test-mini-paper', model, question, sample: s, response: `答 ${s}` }));
  const res = await http.post('/api/runs/import?name=judged').attach('file', Buffer.from(lines.join('\n')), 'a.jsonl');
  expect(res.body).toMatchObject({ runId: expect.any(String) });
  const q = async (n: string) => (await t.db.query(`SELECT id FROM questions WHERE number = $1`, [n]))[0].id as string;
  const [q6, q7] = [await q('6'), await q('7')];
  await t.db.query(
    `INSERT INTO marking_tasks (response_id, question_id, reads_required, shuffle_key)
     SELECT r.id, CASE WHEN r.question_id = $2 THEN $2 ELSE $1 END, 2, hashtext(r.id::text) FROM responses r
     JOIN questions x ON x.id = r.question_id WHERE x.number IN ('5-6', '7') ON CONFLICT DO NOTHING`,
    [q6, q7],
  );
  await t.as('teacher', 'judged-t1');
  await t.as('teacher', 'judged-t2');
  const [{ id: t1 }] = await t.db.query(`SELECT id FROM users WHERE username = 'judged-t1'`);
  const [{ id: t2 }] = await t.db.query(`SELECT id FROM users WHERE username = 'judged-t2'`);
  const [{ id: judgeId }] = await t.db.query(
    `INSERT INTO ai_models (name, model_id, modality, is_judge, is_imported) VALUES ('Test judge', 'judge', 'text', true, true) RETURNING id`,
  );
  const tasks: { taskId: string; responseId: string; questionId: string; sample: number; model: string }[] = await t.db.query(
    `SELECT t.id::text AS "taskId", t.response_id AS "responseId", t.question_id AS "questionId", r.sample_index AS sample, m.name AS model
     FROM marking_tasks t JOIN responses r ON r.id = t.response_id JOIN ai_models m ON m.id = r.model_id
     WHERE t.question_id = ANY($1) ORDER BY m.name, r.sample_index`,
    [[q6, q7]],
  );
  for (const task of tasks) {
    const i = task.sample + (task.model === 'beta' ? 20 : 0);
    const is7 = task.questionId === q7;
    const h = is7 ? i % 7 : i % 4;
    // the second teacher reads some answers a point higher (one in five on 7, every 1 on 6)
    const second = (is7 ? i % 5 === 0 : i % 4 === 1) ? h + 1 : h;
    const judge = is7 ? (i % 8 === 0 ? Math.max(0, h - 1) : h) : i % 3 === 0 ? h + 1 : h;
    const items = (p: number) => (p >= 6 ? ['a', 'b'] : p >= 3 ? ['a'] : []);
    for (const [marker, kind, points] of [
      [t1, 'first', h],
      [t2, 'second', Math.min(is7 ? 6 : 4, second)],
    ] as const)
      await t.db.query(`INSERT INTO marks (task_id, marker_id, read_kind, points, applied_items) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
        task.taskId,
        marker,
        kind,
        points,
        JSON.stringify(is7 ? items(points) : []),
      ]);
    await t.db.query(`UPDATE marking_tasks SET state = 'done', final_score = $2 WHERE id = $1`, [task.taskId, h]);
    await t.db.query(
      `INSERT INTO judge_reads (response_id, question_id, judge_model_id, template_version, status, applied_items, points, max_points, rationale)
       VALUES ($1, $2, $3, 'judge-v1', 'scored', $4::jsonb, $5, $6, $7)`,
      [task.responseId, task.questionId, judgeId, JSON.stringify(is7 ? items(judge) : []), judge, is7 ? 6 : 4, `理由 ${i}`],
    );
  }
  return { q6, q7, judgeId: judgeId as string };
}

describe('judge quality: the judge against the teachers', () => {
  let t: TestApp;
  let researcher: Agent;
  let ids: { q6: string; q7: string; judgeId: string };
  const judgeQuery = () => `judge=${ids.judgeId}&template=judge-v1`;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION, judgeValidation: THRESHOLDS });
    await t.truncate(JUDGE_TABLES);
    await t.reset();
    researcher = await t.as(['author', 'researcher']);
    ids = await constructJudged(t, researcher);
  });
  afterAll(() => t.close());

  it('lists the judge with what it read', async () => {
    const res = await researcher.get('/api/judge-quality/judges');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { judgeModelId: ids.judgeId, templateVersion: 'judge-v1', name: 'Test judge', isImported: true, answers: 80, questions: 2 },
    ]);
  });

  it('validates the judge where it reads like the teachers, and names the bias where it does not', async () => {
    const res = await researcher.get(`/api/judge-quality/questions?${judgeQuery()}`);
    expect(res.status).toBe(200);
    type Est = { value: number; ci: [number, number] };
    type Row = {
      questionId: string;
      counts: Record<string, number>;
      verdict: { validated: boolean; code: string; params: Record<string, number> };
      vsFinal: Record<'exact' | 'adjacent' | 'meanDiff', Est>;
    };
    const by = new Map((res.body.questions as Row[]).map((q) => [q.questionId, q]));
    const q7 = by.get(ids.q7)!;
    const q6 = by.get(ids.q6)!;
    expect(q7.counts).toEqual({ answers: 40, judged: 40, failed: 0, humanMarked: 40, compared: 40, doubleMarked: 40 });
    expect(q7.verdict).toMatchObject({ validated: true, code: 'judge.validation.validated' });
    // Question 6: 14 of 40 answers a point high: mean difference 0.35, exact agreement 26/40.
    expect(q6.vsFinal.meanDiff.value).toBeCloseTo(0.35, 10);
    expect(q6.vsFinal.meanDiff.ci[0]).toBeGreaterThan(0);
    expect(q6.vsFinal.exact.value).toBeCloseTo(26 / 40, 10);
    // question 6 has no tolerance: adjacent is exact there
    expect(q6.vsFinal.adjacent.value).toBeCloseTo(26 / 40, 10);
    expect(q6.verdict).toMatchObject({ validated: false, code: 'judge.validation.biased', params: { max: 0.15 } });
    expect(q6.verdict.params.smd).toBeGreaterThan(0.15);
    expect(res.body.thresholds).toEqual(THRESHOLDS);
  });

  it('shows one question in full: figures with intervals, confusion, items, slices and the disagreements', async () => {
    const res = await researcher.get(`/api/judge-quality/questions/${ids.q7}?${judgeQuery()}`);
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.vsFinal.qwk.ci).toHaveLength(2);
    expect(b.humanHuman.n).toBe(40);
    // 40 answers, every one counted once in the confusion matrix (judge rows × final columns, whole points 0–6)
    expect(b.confusion.scores).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(b.confusion.counts.flat().reduce((a: number, x: number) => a + x, 0)).toBe(40);
    expect(b.items.map((i: { itemId: string }) => i.itemId)).toEqual(['a', 'b', 'c']);
    expect(b.slices.map((s: { kind: string; label: string }) => `${s.kind}:${s.label}`).sort()).toEqual([
      'model:alpha',
      'model:beta',
      'source:model',
    ]);
    // the judge is a point low on every eighth answer where the teachers gave more than 0: those disagree
    expect(b.disagreements.length).toBeGreaterThan(0);
    expect(b.disagreements[0]).toMatchObject({ excerpt: expect.stringMatching(/^答 \d+$/), modelName: expect.any(String) });
    expect(b.disagreements[0].rationale).toMatch(/^理由/);
  });

  it('never names the models to a senior teacher, and refuses teachers', async () => {
    const senior = await t.as('senior_teacher');
    const res = await senior.get(`/api/judge-quality/questions/${ids.q7}?${judgeQuery()}`);
    expect(res.status).toBe(200);
    expect(res.body.slices).toEqual([]);
    expect(JSON.stringify(res.body)).not.toMatch(/alpha|beta/);
    expect(res.body.disagreements[0].modelName).toBeUndefined();
    const teacher = await t.as('teacher');
    expect((await teacher.get(`/api/judge-quality/questions?${judgeQuery()}`)).status).toBe(403);
  });

  it('says clearly what is wrong with a bad judge query', async () => {
    const res = await researcher.get(`/api/judge-quality/questions?judge=nope&template=judge-v1`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/judge/);
    expect((await researcher.get(`/api/judge-quality/questions/${ids.q7}?judge=${ids.judgeId}&template=other`)).status).toBe(404);
  });
});
