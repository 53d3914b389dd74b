import request from 'supertest';
import { startTestApp, TEST_PASSWORD, TestApp } from './test-app';

const cookieOf = (res: request.Response, name: string) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));

describe('sign-in, sessions and CSRF', () => {
  let t: TestApp;

  beforeAll(async () => {
    // No session cache: these tests change sessions in the database and expect the next request to see it.
    t = await startTestApp({
      loginMaxFailuresPerAccount: 3,
      loginMaxFailuresPerAddress: 6,
      sessionIdleMinutes: 30,
      sessionMaxHours: 8,
      sessionCacheMs: 0,
    });
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  const login = (username: string, password = TEST_PASSWORD) =>
    t.http().post('/api/auth/login').send({ username, password });

  it('signs in with an HttpOnly SameSite session cookie and a readable CSRF cookie, then signs out', async () => {
    await t.as('teacher', 'wang');
    const res = await login('wang');
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      username: 'wang',
      displayName: 'wang',
      roles: ['teacher'],
    });
    expect(cookieOf(res, 'yj_session')).toMatch(/HttpOnly/);
    expect(cookieOf(res, 'yj_session')).toMatch(/SameSite=Lax/);
    expect(cookieOf(res, 'XSRF-TOKEN')).not.toMatch(/HttpOnly/);
    const session = cookieOf(res, 'yj_session')!.split(';')[0];
    const me = await t.http().get('/api/auth/me').set('Cookie', session);
    expect(me.body.user.username).toBe('wang');
    const out = await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', session)
      .set('X-XSRF-TOKEN', res.body.csrfToken);
    expect(out.status).toBe(204);
    expect((await t.http().get('/api/auth/me').set('Cookie', session)).status).toBe(401);
  });

  it('stores only an argon2id hash of the password', async () => {
    await t.as('author', 'li');
    const [row] = await t.db.query(`SELECT password_hash FROM users WHERE username = 'li'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
    const [session] = await t.db.query(`SELECT token_hash FROM sessions`);
    expect(session.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    await t.as('author', 'zhao');
    const unknown = await login('nobody');
    const wrong = await login('zhao', 'not-the-password');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({
      message: 'wrong username or password',
      code: 'auth.bad_credentials',
      params: {},
    });
  });

  it('refuses a deactivated account', async () => {
    const admin = await t.as('admin');
    await t.as('teacher', 'qian');
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = 'qian'`);
    expect((await admin.patch(`/api/admin/users/${id}`).send({ isActive: false })).status).toBe(
      200,
    );
    expect((await login('qian')).status).toBe(401);
  });

  it('locks an account after repeated failures, even for the right password, with a clear message', async () => {
    await t.as('teacher', 'sun');
    for (let i = 0; i < 3; i++) expect((await login('sun', 'wrong-password')).status).toBe(401);
    const locked = await login('sun');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      code: 'auth.rate_limited',
      params: { scope: 'account_address' },
    });
    expect(locked.body.message).toBe(
      'too many failed sign-ins for this account; try again in 15 minutes',
    );
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
  });

  it('limits failures per address across accounts', async () => {
    for (let i = 0; i < 6; i++) await login(`ghost${i}`, 'x');
    const res = await login('ghost99', 'x');
    expect(res.status).toBe(429);
    expect(res.body.message).toMatch(/from this address/);
  });

  it('ends a session that was idle too long, and one past its absolute lifetime', async () => {
    const a = await t.as('author', 'idle');
    expect((await a.get('/api/auth/me')).status).toBe(200);
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    const idle = await a.get('/api/auth/me');
    expect(idle.status).toBe(401);
    expect(idle.body.message).toBe('your session has expired; please sign in again');
    const b = await t.as('author', 'long');
    await t.db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL`,
    );
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a state-changing request without the CSRF header or with a wrong one', async () => {
    const author = await t.as('author', 'csrf');
    const session = await login('csrf');
    const cookie = cookieOf(session, 'yj_session')!.split(';')[0];
    const none = await t.http().post('/api/auth/logout').set('Cookie', cookie);
    expect(none.status).toBe(403);
    expect(none.body.message).toMatch(/CSRF/);
    const wrong = await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', cookie)
      .set('X-XSRF-TOKEN', 'x'.repeat(32));
    expect(wrong.status).toBe(403);
    // GETs need no token, and the signed-in client with its token is accepted.
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    expect((await author.post('/api/auth/logout')).status).toBe(204);
  });

  it('changes a password: checks the old one and the policy, then ends the other sessions', async () => {
    const here = await t.as('researcher', 'zhou');
    const elsewhere = await login('zhou');
    const otherCookie = cookieOf(elsewhere, 'yj_session')!.split(';')[0];
    expect(
      (
        await here
          .post('/api/auth/password')
          .send({ currentPassword: 'nope', newPassword: 'a-new-long-password' })
      ).status,
    ).toBe(400);
    const weak = await here
      .post('/api/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.body.message).toBe('the password must have at least 10 characters');
    expect(weak.body).toMatchObject({ code: 'password.too_short', params: { min: 10 } });
    expect(
      (
        await here
          .post('/api/auth/password')
          .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password' })
      ).status,
    ).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await t.http().get('/api/auth/me').set('Cookie', otherCookie)).status).toBe(401);
    expect((await login('zhou')).status).toBe(401);
    expect((await login('zhou', 'a-new-long-password')).status).toBe(200);
  });

  it('sends security headers and no CORS headers by default, and never a stack trace', async () => {
    const res = await t.http().get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const bad = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.js|stack/);
    // A body of nested brackets used to overflow the validator's stack into a 500.
    const deep = `{"username":${'['.repeat(200_000)}${']'.repeat(200_000)},"password":"x"}`;
    const nested = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(deep);
    expect(nested.status).toBe(400);
    expect(nested.body).toEqual({
      message: 'the request body nests deeper than 64 levels',
      code: 'input.json_too_deep',
      params: { maxDepth: 64 },
    });
  });
});
