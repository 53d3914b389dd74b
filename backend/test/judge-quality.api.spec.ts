import { COLLECTION, constructJudged, THRESHOLDS } from './fixtures/judged-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

describe('judge quality: the judge against the teachers', () => {
  let t: TestApp;
  let researcher: Agent;
  let ids: { q6: string; q7: string; judgeId: string };
  const judgeQuery = () => `judge=${ids.judgeId}&template=judge-v1`;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION, judgeValidation: THRESHOLDS });
    await t.truncateAll();
    await t.reset();
    researcher = await t.as(['author', 'researcher']);
    ids = await constructJudged(t, researcher);
  });
  afterAll(() => t.close());

  it('lists the judge with what it read', async () => {
    const res = await researcher.get('/api/judge-quality/judges');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        judgeModelId: ids.judgeId,
        templateVersion: 'judge-v1',
        name: 'Test judge',
        isImported: true,
        answers: 80,
        questions: 2,
      },
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
    expect(q7.counts).toEqual({
      answers: 40,
      judged: 40,
      failed: 0,
      humanMarked: 40,
      compared: 40,
      doubleMarked: 40,
    });
    expect(q7.verdict).toMatchObject({ validated: true, code: 'judge.validation.validated' });
    // Question 6: 14 of 40 answers a point high: mean difference 0.35, exact agreement 26/40.
    expect(q6.vsFinal.meanDiff.value).toBeCloseTo(0.35, 10);
    expect(q6.vsFinal.meanDiff.ci[0]).toBeGreaterThan(0);
    expect(q6.vsFinal.exact.value).toBeCloseTo(26 / 40, 10);
    // question 6 has no tolerance: adjacent is exact there
    expect(q6.vsFinal.adjacent.value).toBeCloseTo(26 / 40, 10);
    expect(q6.verdict).toMatchObject({
      validated: false,
      code: 'judge.validation.biased',
      params: { max: 0.15 },
    });
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
    expect(
      b.slices.map((s: { kind: string; label: string }) => `${s.kind}:${s.label}`).sort(),
    ).toEqual(['model:alpha', 'model:beta', 'source:model']);
    // the judge is a point low on every eighth answer where the teachers gave more than 0: those disagree
    expect(b.disagreements.length).toBeGreaterThan(0);
    expect(b.disagreements[0]).toMatchObject({
      excerpt: expect.stringMatching(/^答 \d+$/),
      modelName: expect.any(String),
    });
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
    expect(
      (
        await researcher.get(
          `/api/judge-quality/questions/${ids.q7}?judge=${ids.judgeId}&template=other`,
        )
      ).status,
    ).toBe(404);
  });
});
