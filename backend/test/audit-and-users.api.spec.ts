import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { makePdf } from './fixtures/pdf-fixture';
import { Agent, startTestApp, TEST_PASSWORD, TestApp } from './test-app';

describe('admin users, assignments and the audit trail', () => {
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    await t.reset();
    admin = await t.as('admin', 'root');
  });
  afterAll(() => t.close());

  const actions = async (since: number) =>
    (await t.db.query(
      `SELECT action, actor_name, entity_type, before, after FROM audit_events WHERE id > $1 ORDER BY id`,
      [since],
    )) as {
      action: string;
      actor_name: string;
      before: unknown;
      after: unknown;
    }[];
  const lastId = async () =>
    Number((await t.db.query(`SELECT COALESCE(max(id), 0) AS id FROM audit_events`))[0].id);

  it('creates a teacher who can sign in, refuses duplicates and bad input, and records each change', async () => {
    const since = await lastId();
    const created = await admin.post('/api/admin/users').send({
      username: 'wang.t',
      displayName: '王老师',
      password: 'marking-all-day',
      roles: ['teacher'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'wang.t', roles: ['teacher'], isActive: true });
    expect(created.body).not.toHaveProperty('passwordHash');
    expect(
      (
        await t
          .http()
          .post('/api/auth/login')
          .send({ username: 'wang.t', password: 'marking-all-day' })
      ).status,
    ).toBe(200);
    expect(
      (
        await admin.post('/api/admin/users').send({
          username: 'wang.t',
          displayName: 'x',
          password: 'marking-all-day',
          roles: ['teacher'],
        })
      ).status,
    ).toBe(409);
    const badRole = await admin
      .post('/api/admin/users')
      .send({ username: 'xx1', displayName: 'x', password: 'marking-all-day', roles: ['wizard'] });
    expect(badRole.status).toBe(400);
    const weak = await admin
      .post('/api/admin/users')
      .send({ username: 'xx2', displayName: 'x', password: 'short', roles: ['teacher'] });
    expect(weak.body.message).toMatch(/at least 10 characters/);

    const upd = await admin
      .patch(`/api/admin/users/${created.body.id}`)
      .send({ roles: ['teacher', 'senior_teacher'] });
    expect(upd.body.roles).toEqual(['teacher', 'senior_teacher']);
    expect(
      (
        await admin
          .post(`/api/admin/users/${created.body.id}/password`)
          .send({ password: 'another-long-one' })
      ).status,
    ).toBe(204);

    const log = await actions(since);
    expect(log.map((e) => e.action)).toEqual([
      'user_create',
      'login',
      'user_update',
      'password_reset',
    ]);
    expect(log[2]).toMatchObject({
      actor_name: 'root',
      before: { roles: ['teacher'] },
      after: { roles: ['teacher', 'senior_teacher'] },
    });
    expect(JSON.stringify(log)).not.toContain('marking-all-day');
  });

  it('will not let an admin lock themselves out', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = 'root'`);
    const res = await admin.patch(`/api/admin/users/${id}`).send({ isActive: false });
    expect(res.status).toBe(400);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const teacher = await t.as('teacher', 'leaving');
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = 'leaving'`);
    expect((await teacher.get('/api/auth/me')).status).toBe(200);
    await admin.patch(`/api/admin/users/${id}`).send({ isActive: false });
    expect((await teacher.get('/api/auth/me')).status).toBe(401);
  });

  it('assigns questions to teachers only, and records assignments', async () => {
    const author = await t.as('author', 'setter');
    const paper = (
      await author.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip')
    ).body;
    const detail = (await author.get(`/api/papers/${paper.versionId}`)).body;
    const q7 = detail.questions.find((q: { number: string }) => q.number === '7').id;
    const composite = detail.questions.find((q: { number: string }) => q.number === '5-6').id;
    await t.as('teacher', 'marker');
    const [{ id: markerId }] = await t.db.query(`SELECT id FROM users WHERE username = 'marker'`);
    const [{ id: authorId }] = await t.db.query(`SELECT id FROM users WHERE username = 'setter'`);

    const since = await lastId();
    const ok = await admin
      .post('/api/admin/assignments')
      .send({ userId: markerId, questionIds: [q7] });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual([
      expect.objectContaining({ username: 'marker', questionNumber: '7', paperTitle: '测试卷' }),
    ]);
    expect(
      (await admin.post('/api/admin/assignments').send({ userId: authorId, questionIds: [q7] }))
        .body.message,
    ).toMatch(/only teachers/);
    expect(
      (
        await admin
          .post('/api/admin/assignments')
          .send({ userId: markerId, questionIds: [composite] })
      ).body.message,
    ).toMatch(/composites/);
    const removed = await admin
      .post('/api/admin/assignments/remove')
      .send({ userId: markerId, questionIds: [q7] });
    expect(removed.body).toEqual([]);
    expect((await actions(since)).map((e) => e.action)).toEqual([
      'assignment_add',
      'assignment_remove',
    ]);
  });

  it('records sign-ins, failures, imports, publishing and PDF uploads with who did them', async () => {
    const since = await lastId();
    await t.http().post('/api/auth/login').send({ username: 'root', password: 'wrong-password' });
    const author = await t.as('author', 'writer');
    const imported = (
      await author.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip')
    ).body;
    await author.post(`/api/papers/${imported.versionId}/publish`);
    expect((await author.post(`/api/papers/${imported.versionId}/publish`)).body.status).toBe(
      'published',
    ); // again: no new record
    await author.post('/api/pdfs').attach('file', makePdf([{ latin: 'hello' }]), 'p.pdf');
    await author.post('/api/auth/logout');
    const log = await actions(since);
    expect(log.map((e) => `${e.action}:${e.actor_name}`)).toEqual([
      'login_failed:root',
      'user_create:test',
      'login:writer',
      'paper_import:writer',
      'paper_publish:writer',
      'pdf_upload:writer',
      'logout:writer',
    ]);
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    await t.http().post('/api/auth/login').send({ username: 'root', password: TEST_PASSWORD });
    await expect(t.db.query(`UPDATE audit_events SET action = 'nothing'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    expect(
      Number(
        (await t.db.query(`SELECT count(*) FROM audit_events WHERE action = 'login'`))[0].count,
      ),
    ).toBeGreaterThan(0);
  });

  it('lets an admin filter the audit trail by user, action and time', async () => {
    await t.as('author', 'filtered');
    const all = await admin.get('/api/admin/audit?user=filtered&action=login');
    expect(all.status).toBe(200);
    expect(all.body.events.length).toBeGreaterThanOrEqual(1);
    expect(
      all.body.events.every(
        (e: { actorName: string; action: string }) =>
          e.actorName === 'filtered' && e.action === 'login',
      ),
    ).toBe(true);
    const future = await admin.get(
      `/api/admin/audit?from=${new Date(Date.now() + 3600_000).toISOString()}`,
    );
    expect(future.body).toEqual({ total: 0, events: [], names: {} });
    expect((await admin.get('/api/admin/audit?from=yesterday')).status).toBe(400);
  });
});
