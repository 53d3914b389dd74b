import { COLLECTION, constructJudged, THRESHOLDS } from './fixtures/judged-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

interface Figure {
  entryKey: string;
  dimension: string;
  value: string;
  modelRate: number | null;
  sourcePoints: { rules: number; teachers: number; judge: number; none: number };
}

/**
 * The report's scoring sources on constructed data. The judge is validated on question 7 and not
 * on question 6 (biased), by the 40 double-marked answers of judged-fixture.ts. Model "gamma" then
 * answers both twice: sample 0 is marked by teachers (7: 4 of 6, 6: 2 of 4), sample 1 waits for
 * teachers; the judge read both (7: 6 and 5; 6: 3 and 3). Each sample carries half of a question's
 * points. The "type" slices isolate the questions: calculation is 7, short_answer is 6.
 */
describe('report: scoring sources and points by source', () => {
  let t: TestApp;
  let http: Agent;
  let entry: string;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION, judgeValidation: THRESHOLDS });
    await t.truncateAll();
    await t.reset();
    http = await t.as(['author', 'researcher']);
    const { q6, q7, judgeId } = await constructJudged(t, http);
    const lines = [0, 1].flatMap((sample) =>
      ['5-6', '7'].map((question) =>
        JSON.stringify({
          paper: 'test-mini-paper',
          model: 'gamma',
          question,
          sample,
          response: `甲 ${sample}`,
        }),
      ),
    );
    const res = await http
      .post('/api/runs/import?name=gamma')
      .attach('file', Buffer.from(lines.join('\n')), 'g.jsonl');
    const runId = res.body.runId as string;
    const units: { responseId: string; sample: number; questionId: string }[] = await t.db.query(
      `SELECT r.id AS "responseId", r.sample_index AS sample, CASE WHEN r.question_id = $2 THEN $2 ELSE $3 END AS "questionId"
       FROM responses r WHERE r.run_id = $1`,
      [runId, q7, q6],
    );
    const [{ id: t1 }] = await t.db.query(`SELECT id FROM users WHERE username = 'judged-t1'`);
    for (const u of units) {
      const is7 = u.questionId === q7;
      const [{ id: taskId }] = await t.db.query(
        `INSERT INTO marking_tasks (response_id, question_id, reads_required, shuffle_key) VALUES ($1, $2, 1, 0)
         ON CONFLICT (response_id, question_id) DO UPDATE SET reads_required = 1 RETURNING id::text`,
        [u.responseId, u.questionId],
      );
      if (u.sample === 0) {
        await t.db.query(
          `INSERT INTO marks (task_id, marker_id, read_kind, points) VALUES ($1, $2, 'first', $3)`,
          [taskId, t1, is7 ? 4 : 2],
        );
        await t.db.query(
          `UPDATE marking_tasks SET state = 'done', final_score = $2 WHERE id = $1`,
          [taskId, is7 ? 4 : 2],
        );
      }
      await t.db.query(
        `INSERT INTO judge_reads (response_id, question_id, judge_model_id, template_version, status, points, max_points, rationale)
         VALUES ($1, $2, $3, 'judge-v1', 'scored', $4, $5, 'r')`,
        [u.responseId, u.questionId, judgeId, is7 ? (u.sample === 0 ? 6 : 5) : 3, is7 ? 6 : 4],
      );
    }
    const [{ id: gamma }] = await t.db.query(`SELECT id FROM ai_models WHERE name = 'gamma'`);
    entry = `${runId}:${gamma}`;
  });
  afterAll(() => t.close());

  const figures = async (source?: string) => {
    const res = await http.get(
      `/api/reports?runIds=${entry.split(':')[0]}${source ? `&scoringSource=${source}` : ''}`,
    );
    expect(res.status).toBe(200);
    const of = (value: string) =>
      (res.body.figures as Figure[]).find(
        (f) => f.entryKey === entry && f.dimension === 'type' && f.value === value,
      )!;
    return { q7: of('calculation'), q6: of('short_answer'), scoring: res.body.scoring };
  };

  it('teachers (the default): the teachers’ sample counts, the waiting one comes from nowhere yet', async () => {
    const { q7, q6, scoring } = await figures();
    expect(scoring).toEqual({ source: 'teachers', judge: null, validatedQuestionIds: [] });
    // 7: sample 0 by teachers (4 of 6) carries 3 points, sample 1 waits: 3 points from nowhere
    expect(q7.modelRate).toBeCloseTo(4 / 6, 10);
    expect(q7.sourcePoints).toEqual({ rules: 0, teachers: 3, judge: 0, none: 3 });
    expect(q6.modelRate).toBeCloseTo(2 / 4, 10);
    expect(q6.sourcePoints).toEqual({ rules: 0, teachers: 2, judge: 0, none: 2 });
  });

  it('teachers, else validated judge: the judge fills the waiting sample on 7 only, where it is validated', async () => {
    const { q7, q6, scoring } = await figures('teachers_else_validated_judge');
    expect(scoring.source).toBe('teachers_else_validated_judge');
    expect(scoring.judge.name).toBe('Test judge');
    // 7: teachers 4 (sample 0), judge 5 (sample 1): mean 4.5 of 6
    expect(q7.modelRate).toBeCloseTo(4.5 / 6, 10);
    expect(q7.sourcePoints).toEqual({ rules: 0, teachers: 3, judge: 3, none: 0 });
    // 6: the judge is biased there: it scores nothing, the figure is the teachers' one
    expect(q6.modelRate).toBeCloseTo(2 / 4, 10);
    expect(q6.sourcePoints).toEqual({ rules: 0, teachers: 2, judge: 0, none: 2 });
  });

  it('judge only: every marked unit from the judge, validated or not, nothing from teachers', async () => {
    const { q7, q6 } = await figures('judge_only');
    expect(q7.modelRate).toBeCloseTo(5.5 / 6, 10);
    expect(q7.sourcePoints).toEqual({ rules: 0, teachers: 0, judge: 6, none: 0 });
    expect(q6.modelRate).toBeCloseTo(3 / 4, 10);
    expect(q6.sourcePoints).toEqual({ rules: 0, teachers: 0, judge: 4, none: 0 });
  });

  it('the CSV export says its scoring source and the points from each source on every row', async () => {
    const res = await http.get(
      `/api/reports/export.csv?runIds=${entry.split(':')[0]}&scoringSource=judge_only`,
    );
    expect(res.status).toBe(200);
    const [head, ...rows] = (res.text as string).trim().split(/\r?\n/);
    const cols = head.split(',');
    const at = (row: string, col: string) => row.split(',')[cols.indexOf(col)];
    const q7 = rows.find((r) => r.includes(',type,calculation,'))!;
    expect(at(q7, 'scoring_source')).toBe('judge_only');
    expect(at(q7, 'judge')).toContain('Test judge');
    expect(Number(at(q7, 'points_from_judge'))).toBe(6);
    expect(Number(at(q7, 'points_from_teachers'))).toBe(0);
  });

  it('refuses an unknown source, and the drill-down shows the judge beside the teachers', async () => {
    expect((await http.get(`/api/reports?scoringSource=robots`)).status).toBe(400);
    const res = await http.get(
      `/api/reports/drill?entry=${entry}&dimension=type&value=calculation`,
    );
    expect(res.status).toBe(200);
    const marked = res.body.find((r: { sample: number }) => r.sample === 0);
    expect(marked.marks).toEqual([expect.objectContaining({ kind: 'first', points: 4 })]);
    expect(marked.judges).toEqual([
      expect.objectContaining({
        judge: 'Test judge',
        template: 'judge-v1',
        status: 'scored',
        points: 6,
        rationale: 'r',
      }),
    ]);
  });
});
