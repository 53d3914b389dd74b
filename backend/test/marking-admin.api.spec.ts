import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

const COLLECTION = {
  isWorker: false,
  leaseSeconds: 60,
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};

/** A built web app of two files, to check what the server sends for it. */
function fakeWebDist() {
  const dir = mkdtempSync(join(tmpdir(), 'yj-web-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><yj-root></yj-root></body></html>',
  );
  writeFileSync(join(dir, 'main-ABCD2345.js'), 'console.log("yuejuan");\n'.repeat(200));
  return dir;
}

describe('admin: assignments of every queued question, marking mode per paper and question, the readable audit trail', () => {
  let t: TestApp;
  let admin: Agent;
  let paperId: string;
  let q7: string;
  let q1: string;
  const teachers: Agent[] = [];
  const teacherIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION, webDist: fakeWebDist() });
    await t.truncateAll();
    await t.reset();
    admin = await t.as('admin', 'boss');
    const researcher = await t.as(['author', 'researcher'], 'res');
    paperId = (
      await researcher.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip')
    ).body.versionId;
    const lines = [0, 1, 2].map((i) =>
      JSON.stringify({
        paper: 'test-mini-paper',
        model: `model-${i}`,
        sample: i,
        question: '7',
        response: `解答 ${i}：x^2/2`,
      }),
    );
    lines.push(
      JSON.stringify({
        paper: 'test-mini-paper',
        model: 'model-0',
        question: '1',
        response: '我不知道选哪个',
      }),
    );
    expect(
      (
        await researcher
          .post('/api/runs/import')
          .attach('file', Buffer.from(lines.join('\n')), 'a.jsonl')
      ).status,
    ).toBe(201);
    [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    [{ id: q1 }] = await t.db.query(`SELECT id FROM questions WHERE number = '1'`);
    for (const name of ['m1', 'm2']) {
      teachers.push(await t.as('teacher', name));
      teacherIds.push((await t.db.query(`SELECT id FROM users WHERE username = $1`, [name]))[0].id);
    }
  });
  afterAll(() => t.close());

  it('offers every markable question, objective ones too, and names those with answers waiting and nobody assigned', async () => {
    const { body } = await admin.get(`/api/admin/assignments/questions?paperVersionId=${paperId}`);
    expect(body.paper).toMatchObject({ id: paperId, title: '测试卷', override: null });
    const numbers = body.questions.map((q: { number: string }) => q.number);
    expect(numbers).toEqual(expect.arrayContaining(['1', '5', '6', '7']));
    expect(numbers).not.toContain('5-6'); // a composite is marked by its parts
    const one = body.questions.find((q: { number: string }) => q.number === '1');
    expect(one).toMatchObject({ isObjective: true, queued: 1, teachers: [], mode: 'single' });
    expect(body.questions.find((q: { number: string }) => q.number === '7')).toMatchObject({
      queued: 3,
      marked: 0,
      total: 3,
    });

    const waiting = (await admin.get('/api/admin/assignments/unassigned')).body;
    expect(
      waiting.map((w: { number: string; queued: number }) => `${w.number}:${w.queued}`).sort(),
    ).toEqual(['1:1', '7:3']);

    const bulk = await admin
      .post('/api/admin/assignments/bulk')
      .send({ userIds: teacherIds, questionIds: [q1, q7] });
    expect(bulk.status).toBe(201);
    expect(bulk.body).toEqual({ added: 4, pairs: 4 });
    expect(
      (
        await admin
          .post('/api/admin/assignments/bulk')
          .send({ userIds: teacherIds, questionIds: [q7] })
      ).body,
    ).toEqual({
      added: 0,
      pairs: 2,
    });
    expect((await admin.get('/api/admin/assignments/unassigned')).body).toEqual([]);
    const after = (await admin.get(`/api/admin/assignments/questions?paperVersionId=${paperId}`))
      .body;
    expect(
      after.questions
        .find((q: { number: string }) => q.number === '1')
        .teachers.map((u: { username: string }) => u.username),
    ).toEqual(['m1', 'm2']);
    // an unparsed objective answer now reaches a teacher
    const task = (await teachers[0].post(`/api/marking/questions/${q1}/next`)).body;
    expect(task.answer.text).toBe('我不知道选哪个');
    const [{ id: resId }] = await t.db.query(`SELECT id FROM users WHERE username = 'res'`);
    const refused = await admin
      .post('/api/admin/assignments/bulk')
      .send({ userIds: [resId], questionIds: [q7] });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('assignment.not_teacher');
  });

  it('sets the marking mode per question over the paper, refuses a change once marks exist, and re-resolves when asked', async () => {
    const paper = await admin
      .put(`/api/admin/marking-policy/papers/${paperId}`)
      .send({ mode: 'double', tolerance: 2 });
    expect(paper.status).toBe(200);
    // question override > paper override: question 7 stays single while the paper is double
    expect(
      (await admin.put(`/api/admin/marking-policy/questions/${q7}`).send({ mode: 'single' }))
        .status,
    ).toBe(200);
    const list = (await admin.get(`/api/admin/assignments/questions?paperVersionId=${paperId}`))
      .body;
    expect(list.paper.override).toEqual({ mode: 'double', tolerance: 2 });
    expect(list.questions.find((q: { number: string }) => q.number === '7')).toMatchObject({
      mode: 'single',
      tolerance: 2,
      override: { mode: 'single', tolerance: null },
    });
    expect(list.questions.find((q: { number: string }) => q.number === '6')).toMatchObject({
      mode: 'double',
      tolerance: 2,
    });
    expect(
      await t.db.query(`SELECT DISTINCT reads_required FROM marking_tasks WHERE question_id = $1`, [
        q7,
      ]),
    ).toEqual([{ reads_required: 1 }]);

    // a single-marked answer is final with one read
    const task = (await teachers[0].post(`/api/marking/questions/${q7}/next`)).body;
    expect(
      (
        await teachers[0]
          .post(`/api/marking/tasks/${task.taskId}/marks`)
          .send({ leaseToken: task.leaseToken, score: 4 })
      ).body,
    ).toMatchObject({ state: 'done', finalScore: 4 });
    const refused = await admin
      .put(`/api/admin/marking-policy/questions/${q7}`)
      .send({ mode: 'double', tolerance: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'marking_policy.marks_exist',
      params: { marks: 1, answers: 1 },
    });
    expect(
      (
        await t.db.query(`SELECT mode FROM marking_policy_overrides WHERE question_id = $1`, [q7])
      )[0].mode,
    ).toBe('single');

    const done = await admin
      .put(`/api/admin/marking-policy/questions/${q7}`)
      .send({ mode: 'double', tolerance: 1, reresolve: true });
    expect(done.body).toEqual({
      override: { mode: 'double', tolerance: 1 },
      reresolved: 1,
      changed: 1,
    });
    const [row] = await t.db.query(
      `SELECT state, final_score, reads_required FROM marking_tasks WHERE id = $1`,
      [task.taskId],
    );
    expect(row).toEqual({ state: 'open', final_score: null, reads_required: 2 });
    // answers arriving after the change are queued under the question's effective mode: two reads
    const researcher = await t.as(['author', 'researcher'], 'res2');
    const late = JSON.stringify({
      paper: 'test-mini-paper',
      model: 'model-late',
      sample: 0,
      question: '7',
      response: '解答：x^2/2 + C',
    });
    expect(
      (await researcher.post('/api/runs/import').attach('file', Buffer.from(late), 'late.jsonl'))
        .status,
    ).toBe(201);
    const [lateTask] = await t.db.query(
      `SELECT t.reads_required FROM marking_tasks t JOIN responses r ON r.id = t.response_id JOIN ai_models m ON m.id = r.model_id
       WHERE m.name = 'model-late'`,
    );
    expect(lateTask).toEqual({ reads_required: 2 });
    // the second teacher's read now settles it: within tolerance 1, the mean
    for (let i = 0; i < 3; i++) {
      const next = (await teachers[1].post(`/api/marking/questions/${q7}/next`)).body;
      const saved = await teachers[1]
        .post(`/api/marking/tasks/${next.taskId}/marks`)
        .send({ leaseToken: next.leaseToken, score: 5 });
      if (next.taskId !== task.taskId) continue;
      expect(saved.body).toMatchObject({ state: 'done', finalScore: 4.5 });
      break;
    }

    const log = (await admin.get('/api/admin/audit?action=marking_policy_set')).body;
    expect(log.events[0]).toMatchObject({
      actorName: 'boss',
      entityType: 'question',
      entityId: q7,
      before: { mode: 'single', tolerance: null },
      after: { mode: 'double', tolerance: 1, reresolved: 1, changed: 1 },
    });
    expect(log.names[q7]).toEqual({ kind: 'question', label: '测试卷', number: '7' });
    // clearing both fields removes the override
    expect(
      (
        await admin
          .put(`/api/admin/marking-policy/papers/${paperId}`)
          .send({ mode: null, tolerance: null, reresolve: true })
      ).status,
    ).toBe(200);
    expect(await t.count('marking_policy_overrides')).toBe(1);
    expect(
      (await admin.put(`/api/admin/marking-policy/questions/${q7}`).send({ mode: 'triple' }))
        .status,
    ).toBe(400);
  });

  it('shows marks and exports in the audit trail, with names for the ids', async () => {
    const marks = (await admin.get('/api/admin/audit?action=mark_first')).body;
    expect(marks.total).toBeGreaterThanOrEqual(1);
    // m1's read (m2 read other answers of the question in the test before)
    const mark = marks.events.find(
      (e: { actorName: string; after: { questionId: string } }) =>
        e.after.questionId === q7 && e.actorName === 'm1',
    );
    expect(mark).toMatchObject({
      action: 'mark_first',
      actorName: 'm1',
      entityType: 'marking_task',
      after: { points: 4 },
    });
    expect(marks.names[q7]).toMatchObject({ kind: 'question', number: '7' });
    expect(marks.names[mark.actorId]).toEqual({ kind: 'user', label: 'm1' });

    const csv = await admin.get('/api/reports/export.csv');
    expect(csv.status).toBe(200);
    const all = (await admin.get('/api/admin/audit')).body;
    expect(all.events[0]).toMatchObject({
      action: 'report_export',
      actorName: 'boss',
      after: { format: 'csv' },
    });
    // audit events and marks merged newest first
    const times = all.events.map((e: { at: string }) => new Date(e.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.events.some((e: { action: string }) => e.action.startsWith('mark_'))).toBe(true);
    // one page of the newest events; earlier specs on the same database may have left more
    expect(all.total).toBeGreaterThanOrEqual(all.events.length);
    const byUser = (await admin.get('/api/admin/audit?user=m1')).body;
    expect(byUser.events.every((e: { actorName: string }) => e.actorName === 'm1')).toBe(true);
    expect(byUser.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['login', 'mark_first']),
    );
  });

  it('compresses responses and caches hashed files for a year, index.html never without asking', async () => {
    const api = await admin.get('/api/admin/audit').set('Accept-Encoding', 'br, gzip');
    expect(api.headers['content-encoding']).toBe('br');
    const gz = await admin.get('/api/admin/audit').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const script = await t.http().get('/main-ABCD2345.js').set('Accept-Encoding', 'br');
    expect(script.status).toBe(200);
    expect(script.headers).toMatchObject({
      'content-encoding': 'br',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    for (const path of ['/', '/marking', '/index.html']) {
      const page = await t.http().get(path).set('Accept-Encoding', 'gzip');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });
});
