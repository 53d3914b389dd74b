import { startTestApp, TEST_PASSWORD, TestApp } from './test-app';

/**
 * Sign-in limits (docs/accounts.md): per (account, address), per address, and per account across
 * addresses with addresses that signed in before exempt. Addresses come from X-Forwarded-For,
 * as behind a reverse proxy.
 */
describe('sign-in limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      isProxyTrusted: true,
      loginMaxFailuresPerAccount: 5,
      loginMaxFailuresPerAddress: 30,
      loginMaxFailuresPerAccountAllAddresses: 8,
      loginWindowMinutes: 15,
      loginAccountWindowMinutes: 60,
      sessionCacheMs: 0,
    });
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  const login = (username: string, password: string, from = '203.0.113.7') =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('counts a burst of 12 parallel wrong passwords one by one: 5 are checked, 7 are refused', async () => {
    await t.as('admin', 'boss');
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => login('boss', 'wrong-password')),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    // The right password from the same address is refused too, with the wait.
    const locked = await login('boss', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      code: 'auth.rate_limited',
      params: { scope: 'account_address' },
    });
  });

  it('does not lock the owner out from another address', async () => {
    await t.as('admin', 'root');
    for (let i = 0; i < 6; i++) await login('root', 'guess', '198.51.100.9');
    expect((await login('root', TEST_PASSWORD, '198.51.100.9')).status).toBe(429);
    expect((await login('root', TEST_PASSWORD, '203.0.113.50')).status).toBe(200);
  });

  it('limits an account across addresses, except from an address that signed in to it before', async () => {
    await t.as('admin', 'chief');
    expect((await login('chief', TEST_PASSWORD, '192.0.2.1')).status).toBe(200);
    for (let i = 0; i < 8; i++)
      expect((await login('chief', 'guess', `198.51.100.${i + 10}`)).status).toBe(401);
    const fromNew = await login('chief', TEST_PASSWORD, '198.51.100.99');
    expect(fromNew.status).toBe(429);
    expect(fromNew.body).toMatchObject({ code: 'auth.rate_limited', params: { scope: 'account' } });
    expect(fromNew.body.message).toMatch(
      /^too many failed sign-ins for this account from new addresses; try again in (59|60) minutes$/,
    );
    expect((await login('chief', TEST_PASSWORD, '192.0.2.1')).status).toBe(200);
  });

  it('does not count refused attempts, so hammering at the limit does not extend it', async () => {
    await t.as('author', 'writer');
    for (let i = 0; i < 20; i++) await login('writer', 'guess');
    const [{ counted, limited }] = await t.db.query(
      `SELECT count(*) FILTER (WHERE NOT is_limited AND NOT is_success)::int AS counted, count(*) FILTER (WHERE is_limited)::int AS limited FROM login_attempts`,
    );
    expect([counted, limited]).toEqual([5, 15]);
  });

  it('keeps no typed username: attempts and the audit trail hold a keyed hash, or the account', async () => {
    await t.as('teacher', 'wang');
    // The audit trail is append-only (not truncated between tests): only this test's events.
    const [{ since }] = await t.db.query(`SELECT coalesce(max(id), 0) AS since FROM audit_events`);
    const typo = 'my-Secret-Passw0rd';
    expect((await login(typo, 'x')).status).toBe(401);
    expect((await login('wang', 'x')).status).toBe(401);
    const attempts = await t.db.query(
      `SELECT * FROM login_attempts WHERE NOT is_success ORDER BY id`,
    );
    const audit = await t.db.query(
      `SELECT * FROM audit_events WHERE action = 'login_failed' AND id > $1 ORDER BY id`,
      [since],
    );
    expect(JSON.stringify([attempts, audit])).not.toContain(typo);
    expect(attempts.map((a: { account_key: string }) => a.account_key)).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.any(String),
    ]);
    const [{ id: wangId }] = await t.db.query(`SELECT id FROM users WHERE username = 'wang'`);
    expect(
      audit.map((e: { actor_id: string | null; actor_name: string | null }) => [
        e.actor_id,
        e.actor_name,
      ]),
    ).toEqual([
      [null, null],
      [wangId, 'wang'],
    ]);
    expect(audit[0].after).toEqual({
      reason: 'bad credentials',
      accountKey: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});
