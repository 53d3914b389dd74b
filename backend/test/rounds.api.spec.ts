import { Workbook } from 'exceljs';
import { parse } from 'papaparse';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { importRun } from './support/answers';
import { Agent, startTestApp, TestApp } from './test-app';

const COLLECTION = {
  isWorker: false,
  leaseSeconds: 60,
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};
// Four students on the mini paper (units 1 (5), 2 (5), 3 (2), 4 (4), 5 (2), 6 (4), 7 (6)): means on 1 and 2 are 2.5 and 1.75.
const MATRIX = [
  'student,1,2,3,4,5,6,7',
  'S001,5,5,2,4,2,4,6',
  'S002,5,0,2,2,0,1,3',
  'S003,0,2,0,0,2,2,0',
  'S004,0,0,2,4,0,0,1.5',
].join('\n');

interface Finding {
  code: string;
  params: Record<string, unknown>;
  restsOn: { scoredPoints: number; pendingPoints: number; synthetic: boolean; students: number };
  drill: { roundId: string; entry: string; dimension: string; value: string } | null;
}

/*
 * Two rounds of the same model: spring (run "first": question 1 right, 2 wrong, 7 pending) and
 * winter (run "second": 1 and 2 right, 7 pending). Students 4.25 of 10 on questions 1 and 2.
 * Spring: 5/10 → difference +0.075, ratio 5/4.25. Winter: 10/10 → +0.575, ratio 10/4.25.
 * Change: ratio ×2 (+100%), difference +0.5. The rounds' figures by hand are in findings.spec.ts;
 * this test proves the wiring: rounds, their runs, the previous round, the drill, the exports.
 */
describe('evaluation rounds and their headline findings', () => {
  let t: TestApp;
  let http: Agent;
  let runs: string[];
  let modelId: string;
  let spring: string;
  let winter: string;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION });
    await t.truncateAll();
    await t.reset();
    http = await t.as(['author', 'researcher']);
    await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
    const [{ id: paperId }] = await t.db.query(`SELECT id FROM paper_versions`);
    await http
      .post('/api/cohorts')
      .field('paperVersionId', paperId)
      .field('name', '四人班')
      .attach('file', Buffer.from(MATRIX), 'c.csv');
    const run = (answers: Record<string, string>, name: string) => importRun(http, answers, name);
    runs = [
      await run({ '1': '答案：A', '2': '答案：C', '7': '原函数 x^2/2，代入得 1/2' }, 'first'),
      await run({ '1': '答案：A', '2': '答案：AB', '7': '1/2' }, 'second'),
    ];
    [{ id: modelId }] = await t.db.query(`SELECT id FROM ai_models WHERE name = 'alpha'`);
  });
  afterAll(async () => {
    // Other report tests share the database: leave no round behind.
    await t.truncate(`TRUNCATE round_runs, rounds`);
    await t.close();
  });

  it('creates, lists and edits rounds, each run in one round at most, and refuses bad input with a code', async () => {
    const created = await http
      .post('/api/reports/rounds')
      .send({ name: '2024 春', heldOn: '2024-04-01', runIds: [runs[0]] });
    expect(created.status).toBe(201);
    spring = created.body.id;
    expect(created.body).toMatchObject({
      name: '2024 春',
      heldOn: '2024-04-01',
      papers: 1,
      runs: [{ id: runs[0], models: ['alpha'] }],
    });

    const taken = await http
      .post('/api/reports/rounds')
      .send({ name: '2024 秋冬', heldOn: '2024-12-01', runIds: runs });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      code: 'round.run_in_other_round',
      params: { round: '2024 春' },
    });
    expect(
      (await http.post('/api/reports/rounds').send({ name: '2024 春', heldOn: '2024-12-01' })).body
        .code,
    ).toBe('round.name_taken');
    const unknown = await http
      .post('/api/reports/rounds')
      .send({ name: 'x', heldOn: '2024-12-01', runIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('round.unknown_run');
    expect(
      (await http.post('/api/reports/rounds').send({ name: 'y', heldOn: '12/01/2024' })).status,
    ).toBe(400);
    // Nothing stored by the refused calls.
    expect(
      (await http.get('/api/reports/rounds')).body.map((r: { name: string }) => r.name),
    ).toEqual(['2024 春']);

    const second = await http
      .post('/api/reports/rounds')
      .send({ name: 'winter', heldOn: '2024-12-01' });
    winter = second.body.id;
    const edited = await http
      .patch(`/api/reports/rounds/${winter}`)
      .send({ name: '2024 秋冬', notes: '新卷', runIds: [runs[1]] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: '2024 秋冬',
      notes: '新卷',
      runs: [{ id: runs[1] }],
    });
    // Newest first.
    expect(
      (await http.get('/api/reports/rounds')).body.map((r: { name: string }) => r.name),
    ).toEqual(['2024 秋冬', '2024 春']);
    expect(
      (await http.get(`/api/reports/rounds/00000000-0000-4000-8000-000000000000`)).body.code,
    ).toBe('round.not_found');
  });

  it('scopes the report to a round’s runs', async () => {
    const r = (await http.get(`/api/reports?roundId=${spring}`)).body;
    expect(r.entries.map((e: { runId: string }) => e.runId)).toEqual([runs[0]]);
  });

  it('gives the latest round’s findings with the change since the previous round, each with what it rests on and a drill that answers', async () => {
    const res = await http.get('/api/reports/findings');
    expect(res.status).toBe(200);
    expect(res.body.round).toMatchObject({ id: winter, name: '2024 秋冬' });
    expect(res.body.previous).toMatchObject({ id: spring, name: '2024 春' });
    const fs: Finding[] = res.body.findings;
    const vs = fs.find(
      (f) => f.code.startsWith('finding.model_vs_students.') && f.params.dimension === 'overall',
    )!;
    expect(vs.params.diff).toBeCloseTo(0.575, 10);
    expect(vs.params.ratio).toBeCloseTo(10 / 4.25, 10);
    expect(vs.restsOn).toMatchObject({
      scoredPoints: 10,
      pendingPoints: 6,
      synthetic: false,
      students: 4,
    });
    const verdict =
      (vs.params.diffLow as number) > 0
        ? 'above'
        : (vs.params.diffHigh as number) < 0
          ? 'below'
          : 'tie';
    expect(vs.code).toBe(`finding.model_vs_students.${verdict}`);
    const change = fs.find(
      (f) => f.code.startsWith('finding.change.model.') && f.params.dimension === 'overall',
    )!;
    expect(change.params).toMatchObject({ model: 'alpha', previousRound: '2024 春' });
    expect(change.params.relative).toBeCloseTo(1, 10);
    expect(change.params.gapChange).toBeCloseTo(0.5, 10);
    expect(
      fs.some(
        (f) => f.code === 'finding.subject.some_above' || f.code === 'finding.subject.none_above',
      ),
    ).toBe(true);

    const d = vs.drill!;
    expect(d).toEqual({
      roundId: winter,
      entry: `${runs[1]}:${modelId}`,
      dimension: 'overall',
      value: 'all',
    });
    const drill = await http.get(
      `/api/reports/drill?roundId=${d.roundId}&entry=${d.entry}&dimension=${d.dimension}&value=${d.value}`,
    );
    expect(drill.status).toBe(200);
    expect(drill.body.map((x: { number: string }) => x.number).sort()).toEqual(['1', '2', '7']);

    // The first round has no earlier one: the finding says so instead of a change.
    const first: Finding[] = (await http.get(`/api/reports/findings?roundId=${spring}`)).body
      .findings;
    expect(first.filter((f) => f.code.startsWith('finding.change.')).map((f) => f.code)).toEqual([
      'finding.change.no_previous',
    ]);
  });

  it('opens on the latest round that has runs: a new empty round is neither the default nor a previous round', async () => {
    const empty = await http
      .post('/api/reports/rounds')
      .send({ name: '2025 春（待跑）', heldOn: '2025-04-01', runIds: [] });
    expect(empty.status).toBe(201);
    const res = await http.get('/api/reports/findings');
    expect(res.body.round).toMatchObject({ id: winter });
    expect(res.body.previous).toMatchObject({ id: spring });
    // Chosen, the empty round says it has nothing yet, and compares with the last round that had runs.
    const chosen = await http.get(`/api/reports/findings?roundId=${empty.body.id}`);
    expect(chosen.body.round).toMatchObject({ id: empty.body.id });
    expect(chosen.body.previous).toMatchObject({ id: winter });
    expect((await http.delete(`/api/reports/rounds/${empty.body.id}`)).status).toBe(204);
  });

  it('computes the findings on the report’s filters and scoring source, and says when a filter leaves too little', async () => {
    const all = (await http.get(`/api/reports/findings?roundId=${winter}`)).body;
    expect(all.filters).toEqual({ narrowed: [], runsIgnored: false });
    expect(all.scoring).toMatchObject({ source: 'teachers', judge: null });
    // Another model: nothing of this round is left, and the change has nothing to compare.
    const other = (
      await http.get(
        `/api/reports/findings?roundId=${winter}&modelIds=00000000-0000-4000-8000-000000000000`,
      )
    ).body;
    expect(
      other.findings.filter((f: Finding) => f.code.startsWith('finding.model_vs_students.')),
    ).toEqual([]);
    expect(other.findings.map((f: Finding) => f.code)).toContain(
      'finding.change.not_comparable.filtered',
    );
    expect(other.findings.map((f: Finding) => f.code)).toContain(
      'finding.gap.unavailable.filtered',
    );
    // The mini paper's stage and grade keep it; another stage leaves nothing.
    const [{ stage, grade }] = await t.db.query(`SELECT stage, grade FROM paper_versions`);
    const kept = (
      await http.get(`/api/reports/findings?roundId=${winter}&stages=${stage}&grades=${grade}`)
    ).body;
    expect(kept.filters.narrowed).toEqual(['stages', 'grades']);
    expect(
      kept.findings.find((f: Finding) => f.code.startsWith('finding.model_vs_students.')).params
        .diff,
    ).toBeCloseTo(0.575, 10);
    const otherStage = stage === 'primary' ? 'senior' : 'primary';
    expect(
      (
        await http.get(`/api/reports/findings?roundId=${winter}&stages=${otherStage}`)
      ).body.findings.some((f: Finding) => f.code.startsWith('finding.model_vs_students.')),
    ).toBe(false);
    expect((await http.get(`/api/reports/findings?grades=13`)).status).toBe(400);
    expect((await http.get(`/api/reports/findings?stages=college`)).status).toBe(400);
    // The runs filter is the round's business: said, not silently applied.
    expect(
      (await http.get(`/api/reports/findings?roundId=${winter}&runIds=${runs[0]}`)).body.filters
        .runsIgnored,
    ).toBe(true);
    // The judge only, with no judge reads here: the source is said, and no judge is named.
    const judge = (
      await http.get(`/api/reports/findings?roundId=${winter}&scoringSource=judge_only`)
    ).body;
    expect(judge.scoring).toEqual({ source: 'judge_only', judge: null });
  });

  it('carries the same findings in the exports', async () => {
    const f = (await http.get(`/api/reports/findings?roundId=${winter}`)).body
      .findings as Finding[];
    const csv = await http.get(`/api/reports/findings.csv?roundId=${winter}`);
    expect(csv.status).toBe(200);
    const rows = parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.code)).toEqual(f.map((x) => x.code));
    expect(rows[0]).toMatchObject({
      round: '2024 秋冬',
      previous_round: '2024 春',
      cohort: 'real',
    });
    const xlsx = await http
      .get(`/api/reports/export.xlsx?roundId=${winter}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new Workbook();
    await wb.xlsx.load(xlsx.body);
    const sheet = wb.getWorksheet('findings')!;
    expect(sheet.rowCount).toBe(1 + f.length);
    expect(sheet.getRow(2).getCell(3).value).toBe(f[0].code);
  });

  it('deletes a round without touching its runs', async () => {
    expect((await http.delete(`/api/reports/rounds/${spring}`)).status).toBe(204);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM runs`))[0].n).toBe(2);
    // The run is free again.
    expect(
      (await http.patch(`/api/reports/rounds/${winter}`).send({ runIds: runs })).body.runs,
    ).toHaveLength(2);
  });
});
