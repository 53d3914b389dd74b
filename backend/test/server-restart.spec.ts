import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../src/database/embedded-postgres';
import { DEMO_PASSWORD } from '../src/users/users.service';
import { FakeOpenAI } from './support/fake-openai';
import { processInfo } from '../src/database/postmaster-state';
import { npmStart, NpmStart, postmasterPid, ROOT, sql } from './fixtures/npm-start';

/** Two sample papers (23 questions, 12 of them answered for teachers by the recorded run): a small demo install. */
const PAPERS = ['gaokao-2022-national-b-math', 'gaokao-2022-national-b-chinese'];

/** Running (an exited process its new parent has not reaped yet counts as gone). */
const isAlive = (pid: number) => processInfo(pid) !== null;

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * The server as a user runs it: `npm start` on its own data folder, with the embedded PostgreSQL.
 * kill -9 of the whole `npm start` leaves PostgreSQL running as an orphan; the next `npm start`
 * must clear it and finish the run at once (not after the 60 s lease). SIGTERM while teachers mark
 * must answer no request with a 500, hand the collection's claimed items back and exit 0.
 */
describe('npm start: restart after kill -9, orderly SIGTERM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuejuan-restart-'));
  const dataDir = join(dir, 'data');
  const fake = new FakeOpenAI();
  const started: NpmStart[] = [];
  let port: number;
  let env: Record<string, string>;
  let url: string;
  let paperVersionIds: string[];

  const start = async () => {
    const s = await npmStart(env, port);
    started.push(s);
    return s;
  };
  const signIn = async (username: string) => {
    const agent = request.agent(`http://127.0.0.1:${port}`);
    const res = await agent.post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
    if (res.status !== 200)
      throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    agent.set('X-XSRF-TOKEN', res.body.csrfToken);
    return agent;
  };
  const runStatus = async (runId: string) =>
    (await sql<{ status: string }>(url, `SELECT status FROM runs WHERE id = $1`, [runId]))[0]
      .status;

  beforeAll(async () => {
    chmodSync(dir, 0o755); // the postgres user must enter it
    const samples = join(dir, 'samples');
    mkdirSync(join(samples, 'recorded-runs'), { recursive: true });
    for (const p of PAPERS)
      cpSync(join(ROOT, 'exam-papers', p), join(samples, p), { recursive: true });
    const recorded = readFileSync(
      join(ROOT, 'exam-papers/recorded-runs/gpt-4-0314.jsonl'),
      'utf8',
    ).split('\n');
    writeFileSync(
      join(samples, 'recorded-runs/gpt-4-0314.jsonl'),
      recorded.filter((l) => PAPERS.some((p) => l.includes(`"${p}"`))).join('\n'),
    );
    await fake.start();
    port = await freePort();
    const pgPort = await freePort();
    url = `postgres://postgres:postgres@127.0.0.1:${pgPort}/yuejuan`;
    env = {
      DATA_DIR: dataDir,
      SAMPLES_DIR: samples,
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'log',
      COLLECTION_BACKOFF_BASE_MS: '50',
    };
  });

  afterAll(async () => {
    for (const s of started) s.killAll('SIGKILL');
    // An orphan this test made (the first server's PostgreSQL, if a step failed before the restart).
    const pid = postmasterPid(dataDir);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after kill -9 of npm start, npm start again clears the orphaned PostgreSQL and finishes the run at once', async () => {
    const first = await start();
    // step: the demo is seeded once; an admin then takes one question from teacher2
    const [{ id: teacher2 }] = await sql<{ id: string }>(
      url,
      `SELECT id FROM users WHERE username = 'teacher2'`,
    );
    const [{ question_id: taken }] = await sql<{ question_id: string }>(
      url,
      `SELECT question_id FROM marking_assignments WHERE user_id = $1 LIMIT 1`,
      [teacher2],
    );
    const admin = await signIn('admin');
    expect(
      (
        await admin
          .post('/api/admin/assignments/remove')
          .send({ userId: teacher2, questionIds: [taken] })
      ).status,
    ).toBe(200);
    const assignments = (
      await sql(url, `SELECT user_id, question_id FROM marking_assignments ORDER BY 1, 2`)
    ).length;

    // step: a run starts, some answers are stored, and the whole npm start is killed without warning
    paperVersionIds = (
      await sql<{ id: string }>(
        url,
        `SELECT v.id FROM paper_versions v JOIN papers p ON p.id = v.paper_id WHERE p.slug = ANY($1)`,
        [PAPERS],
      )
    ).map((r) => r.id);
    fake.behave = () => ({ text: '【答案】B', delayMs: 150 });
    const researcher = await signIn('researcher');
    const model = await researcher.post('/api/models').send({
      name: 'restart',
      baseUrl: fake.url,
      modelId: 'fake',
      modality: 'text',
      concurrency: 4,
    });
    const run = (
      await researcher.post('/api/runs').send({ paperVersionIds, modelIds: [model.body.id] })
    ).body;
    const answered = async () =>
      (
        await sql<{ n: number }>(
          url,
          `SELECT count(*)::int AS n FROM responses WHERE run_id = $1`,
          [run.id],
        )
      )[0].n;
    expect(await until(answered, (n) => n >= 5, 20_000)).toBeGreaterThanOrEqual(5);
    first.killAll('SIGKILL');
    expect(await first.exited).toBe(null);
    const orphan = postmasterPid(dataDir)!;
    expect(isAlive(orphan)).toBe(true); // the state that used to lock the user out
    const stored = await answered();
    const sentBefore = fake.requests.length;

    // step: npm start again on the same folder comes up, and the run finishes well inside the 60 s lease
    const restartedAt = Date.now();
    const second = await start();
    expect(second.output()).toContain(
      `stopping the embedded PostgreSQL (pid ${orphan}) left running by a server that is gone`,
    );
    expect(isAlive(orphan)).toBe(false);
    expect(
      await until(
        () => runStatus(run.id),
        (s) => s === 'finished',
        20_000,
      ),
    ).toBe('finished');
    expect(Date.now() - restartedAt).toBeLessThan(30_000);
    const progress = (await researcher.get(`/api/runs/${run.id}`)).body.models[0];
    expect(progress).toMatchObject({ total: 23, answered: 23, pending: 0, inFlight: 0, failed: 0 });
    // nothing stored before the kill was asked again; at most the requests then on the wire were
    expect(fake.requests.length - sentBefore).toBeLessThanOrEqual(23 - stored + 4);
    expect(fake.repeatedSuccesses()).toBeLessThanOrEqual(4);

    // the restart seeded nothing again: the admin's removal stands
    expect(
      (
        await sql(
          url,
          `SELECT 1 FROM marking_assignments WHERE user_id = $1 AND question_id = $2`,
          [teacher2, taken],
        )
      ).length,
    ).toBe(0);
    expect((await sql(url, `SELECT user_id FROM marking_assignments`)).length).toBe(assignments);
    expect(await sql(url, `SELECT key FROM install_settings`)).toEqual([{ key: 'demo_seeded' }]);
  });

  it('SIGTERM while teachers mark and a run collects: no 500, claimed items handed back, exit 0, PostgreSQL stopped', async () => {
    const server = started[started.length - 1];
    fake.behave = () => ({ text: '【答案】C', delayMs: 400 });
    const researcher = await signIn('researcher');
    // A second model: none of its requests is in the cache, so each of the 23 is sent.
    const model = await researcher.post('/api/models').send({
      name: 'sigterm',
      baseUrl: fake.url,
      modelId: 'fake-2',
      modality: 'text',
      concurrency: 4,
    });
    const run = (
      await researcher.post('/api/runs').send({ paperVersionIds, modelIds: [model.body.id] })
    ).body;
    const sentBefore = fake.requests.length;
    const teachers = await Promise.all(['teacher', 'teacher2', 'senior'].map(signIn));
    const statuses: { status: number; retryAfter?: string }[] = [];
    let refused = 0;
    let firstError = '';
    let isOver = false;
    let isTermSent = false;
    const mark = async (agent: Awaited<ReturnType<typeof signIn>>) => {
      while (!isOver) {
        try {
          const qs = await agent.get('/api/marking/questions');
          statuses.push({ status: qs.status, retryAfter: qs.headers['retry-after'] });
          const q = (qs.body as { questionId: string; forMe: number }[]).find?.((x) => x.forMe > 0);
          if (!q) continue;
          const next = await agent.post(`/api/marking/questions/${q.questionId}/next`);
          statuses.push({ status: next.status, retryAfter: next.headers['retry-after'] });
          if (!next.body?.leaseToken) continue;
          const m = await agent
            .post(`/api/marking/tasks/${next.body.taskId}/marks`)
            .send({ leaseToken: next.body.leaseToken, score: 0 });
          statuses.push({ status: m.status, retryAfter: m.headers['retry-after'] });
        } catch (e) {
          if (!isTermSent && !firstError) firstError = String(e); // failing before the SIGTERM is a bug
          refused++; // the server has stopped listening: connection refused, not an answer
          if (server.child.exitCode !== null) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const clients = teachers.flatMap((t) => [mark(t), mark(t)]); // six clients
    // SIGTERM once the teachers are well into their marking and the run's first requests are out
    await until(
      async () => statuses.length,
      (n) => n >= 30,
      15_000,
    );
    await until(
      async () => fake.requests.length - sentBefore,
      (n) => n >= 6,
      10_000,
    );

    isTermSent = true;
    server.child.kill('SIGTERM');
    const code = await server.exited;
    isOver = true;
    await Promise.all(clients);
    expect(code).toBe(0);
    expect({ answered: statuses.filter((s) => s.status < 300).length >= 30, firstError }).toEqual({
      answered: true,
      firstError: '',
    });
    // Refused while draining: 503 with Retry-After; never a 500 (nor an error logged by the server)
    expect(statuses.filter((s) => s.status >= 500 && !(s.status === 503 && s.retryAfter))).toEqual(
      [],
    );
    expect(server.output()).not.toContain('"context":"Errors"');
    console.log(
      `SIGTERM under marking: ${statuses.length} answers (${statuses.filter((s) => s.status === 503).length} × 503), ${refused} refused connections`,
    );
    expect(postmasterPid(dataDir)).toBe(null); // PostgreSQL stopped cleanly, last

    // step: the next start finds nothing leased by the stopped process, and finishes the run without asking anything twice
    const third = await start();
    expect(third.output()).not.toContain('took back');
    expect(
      await until(
        () => runStatus(run.id),
        (s) => s === 'finished',
        20_000,
      ),
    ).toBe('finished');
    // every mark the server acknowledged is kept
    const acknowledged = statuses.filter((s) => s.status === 201).length;
    expect((await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM marks`))[0].n).toBe(
      acknowledged,
    );
    const again = fake.requests.slice(sentBefore).filter((r) => r.status === 200);
    expect(new Set(again.map((r) => r.hash)).size).toBe(again.length);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});
