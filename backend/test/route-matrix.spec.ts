import { Role, ROLES } from '../src/auth/roles';
import { Agent, startTestApp, TestApp } from './test-app';

/**
 * Every route Nest registers, called anonymously and as each role. The matrix below is the
 * declared policy; a route missing from it fails the test, so a new endpoint cannot ship
 * without someone deciding who may call it.
 */
const ANY: Role[] = [...ROLES];
const MATRIX: Record<string, Role[] | 'public'> = {
  'GET /api/health': 'public',
  'GET /api/about/notice': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ANY,
  'GET /api/auth/me': ANY,
  'POST /api/auth/password': ANY,
  'GET /api/me/assignments': ANY,
  'GET /api/admin/users': ['admin'],
  'POST /api/admin/users': ['admin'],
  'PATCH /api/admin/users/:id': ['admin'],
  'POST /api/admin/users/:id/password': ['admin'],
  'GET /api/admin/assignments': ['admin'],
  'POST /api/admin/assignments': ['admin'],
  'POST /api/admin/assignments/remove': ['admin'],
  'GET /api/admin/assignments/questions': ['admin'],
  'GET /api/admin/assignments/unassigned': ['admin'],
  'POST /api/admin/assignments/bulk': ['admin'],
  'PUT /api/admin/marking-policy/questions/:id': ['admin'],
  'PUT /api/admin/marking-policy/papers/:id': ['admin'],
  'GET /api/admin/audit': ['admin'],
  'GET /api/assets/:sha256': ANY,
  'GET /api/papers': ['admin', 'author', 'researcher'],
  'POST /api/papers/import': ['admin', 'author'],
  'POST /api/papers/intake': ['admin', 'author'],
  'GET /api/papers/intake/samples': ['admin', 'author'],
  'POST /api/papers/intake/samples/:name': ['admin', 'author'],
  'GET /api/papers/:id': ['admin', 'author', 'researcher'],
  'POST /api/papers/:id/publish': ['admin', 'author'],
  'GET /api/papers/:id/render': ['admin', 'author', 'researcher'],
  'GET /api/papers/:id/questions/:questionId/render': ['admin', 'author', 'researcher'],
  'POST /api/papers/drafts/validate': ['admin', 'author'],
  'POST /api/papers/drafts': ['admin', 'author'],
  'POST /api/papers/drafts/preview': ['admin', 'author'],
  'POST /api/papers/drafts/images': ['admin', 'author'],
  'GET /api/papers/:id/bundle': ['admin', 'author'],
  'GET /api/papers/:id/bundle.zip': ['admin', 'author', 'researcher'],
  'POST /api/pdfs': ['admin', 'author'],
  'GET /api/pdfs': ['admin', 'author'],
  'GET /api/pdfs/:id': ['admin', 'author'],
  'POST /api/pdfs/:id/pages/:page/crop': ['admin', 'author'],
  'POST /api/pdfs/:id/draft': ['admin', 'author'],
  'GET /api/models': ['admin', 'researcher'],
  'POST /api/models': ['admin', 'researcher'],
  'GET /api/models/:id': ['admin', 'researcher'],
  'PUT /api/models/:id/judge': ['admin', 'researcher'],
  'GET /api/judging/runs': ['admin', 'researcher'],
  'POST /api/judging/runs': ['admin', 'researcher'],
  'GET /api/judging/runs/:id': ['admin', 'researcher'],
  'GET /api/judging/runs/:id/judgements': ['admin', 'researcher'],
  'GET /api/judging/runs/:id/questions': ['admin', 'researcher'],
  'GET /api/judging/questions/:id/visibility': ['admin', 'researcher'],
  'PUT /api/judging/questions/:id/visibility': ['admin', 'researcher'],
  'GET /api/marking/tasks/:taskId/judge': ['teacher', 'senior_teacher'],
  'GET /api/runs': ['admin', 'researcher'],
  'POST /api/runs': ['admin', 'researcher'],
  'POST /api/runs/import': ['admin', 'researcher'],
  'POST /api/grading/batch': ['admin', 'author', 'researcher'],
  'POST /api/grading/regrade': ['admin', 'researcher'],
  'POST /api/grading/key-corrections': ['admin', 'author'],
  'GET /api/marking/questions': ['teacher', 'senior_teacher'],
  'GET /api/marking/questions/:questionId/view': ['teacher', 'senior_teacher'],
  'POST /api/marking/questions/:questionId/next': ['teacher', 'senior_teacher'],
  'POST /api/marking/tasks/:taskId/marks': ['teacher', 'senior_teacher'],
  'POST /api/marking/tasks/:taskId/skip': ['teacher', 'senior_teacher'],
  'POST /api/marking/tasks/:taskId/problem': ['teacher', 'senior_teacher'],
  'GET /api/marking/history': ['teacher', 'senior_teacher'],
  'POST /api/marking/questions/:questionId/groups/next': ['teacher', 'senior_teacher'],
  'POST /api/marking/groups/marks': ['teacher', 'senior_teacher'],
  'POST /api/marking/groups/split': ['teacher', 'senior_teacher'],
  'POST /api/marking/groups/skip': ['teacher', 'senior_teacher'],
  'POST /api/marking/groups/release': ['teacher', 'senior_teacher'],
  'GET /api/marking/tasks/:taskId': ['teacher', 'senior_teacher'],
  'POST /api/marking/tasks/:taskId/review': ['teacher', 'senior_teacher'],
  'GET /api/marking/senior/queue': ['senior_teacher'],
  'POST /api/marking/tasks/:taskId/arbitrate': ['senior_teacher'],
  'GET /api/marking/monitor/:questionId': ['senior_teacher', 'admin'],
  'GET /api/marking/monitor': ['senior_teacher', 'admin'],
  'GET /api/marking/monitor/:questionId/answers': ['senior_teacher', 'admin'],
  'GET /api/marking/questions/:questionId/rubric': ['senior_teacher', 'admin'],
  'POST /api/marking/questions/:questionId/rubric/preview': ['senior_teacher', 'admin'],
  'PUT /api/marking/questions/:questionId/rubric': ['senior_teacher', 'admin'],
  'POST /api/marking/tasks/:taskId/calibration': ['senior_teacher', 'admin'],
  'GET /api/runs/:id': ['admin', 'researcher'],
  'GET /api/runs/:id/answers': ['admin', 'researcher'],
  'POST /api/runs/:id/pause': ['admin', 'researcher'],
  'POST /api/runs/:id/resume': ['admin', 'researcher'],
  'POST /api/runs/:id/cancel': ['admin', 'researcher'],
  'POST /api/cohorts': ['admin', 'researcher'],
  'POST /api/cohorts/synthetic': ['admin', 'researcher'],
  'GET /api/cohorts': ['admin', 'researcher'],
  'GET /api/cohorts/:id': ['admin', 'researcher'],
  'POST /api/cohorts/:id/answers': ['admin', 'researcher'],
  'GET /api/judge-quality/judges': ['researcher', 'admin', 'senior_teacher'],
  'GET /api/judge-quality/questions': ['researcher', 'admin', 'senior_teacher'],
  'GET /api/judge-quality/questions/:questionId': ['researcher', 'admin', 'senior_teacher'],
  'GET /api/judge-quality/questions/:questionId/validation-samples': [
    'researcher',
    'admin',
    'senior_teacher',
  ],
  'POST /api/judge-quality/questions/:questionId/validation-samples': ['researcher', 'admin'],
  'GET /api/reports': ['admin', 'researcher'],
  'GET /api/reports/drill': ['admin', 'researcher'],
  'GET /api/reports/export.csv': ['admin', 'researcher'],
  'GET /api/reports/export.xlsx': ['admin', 'researcher'],
  'GET /api/reports/rounds': ['admin', 'researcher'],
  'POST /api/reports/rounds': ['admin', 'researcher'],
  'GET /api/reports/rounds/:id': ['admin', 'researcher'],
  'PATCH /api/reports/rounds/:id': ['admin', 'researcher'],
  'DELETE /api/reports/rounds/:id': ['admin', 'researcher'],
  'GET /api/reports/findings': ['admin', 'researcher'],
  'GET /api/reports/findings.csv': ['admin', 'researcher'],
};

const PARAMS: Record<string, string> = { sha256: '0'.repeat(64), page: '1' };
const UUID = '00000000-0000-4000-8000-000000000000';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function registeredRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance();
  const stack: Layer[] = (express.router ?? express._router).stack;
  return stack
    .filter((l) => l.route)
    .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`))
    .filter((r) => r.includes(' /api/'))
    .filter((r) => !OPENAPI_DOCS.test(r));
}

/** The OpenAPI documentation (Swagger UI and its JSON/YAML) is public by design and read-only. */
const OPENAPI_DOCS = /^GET \/api\/docs/;

describe('route × role matrix', () => {
  let t: TestApp;
  const agents = new Map<Role, Agent>();

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    for (const role of ROLES) agents.set(role, await t.as(role, `matrix-${role.replace('_', '')}`));
  });
  afterAll(() => t.close());

  it('serves the OpenAPI documentation read-only', async () => {
    expect((await t.http().get('/api/docs-json')).status).toBe(200);
    expect((await t.http().post('/api/docs-json')).status).toBe(404);
  });

  it('has a declared rule for every registered route, and no rule for a route that is gone', () => {
    const routes = registeredRoutes(t);
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s answers each caller as declared', async (route) => {
    const [method, pattern] = route.split(' ');
    const path = pattern.replace(/:(\w+)/g, (_, name) => PARAMS[name] ?? UUID);
    const rule = MATRIX[route];
    const call = (client: Agent | ReturnType<TestApp['http']>) =>
      (client as unknown as Record<string, (p: string) => Promise<{ status: number }>>)[
        method.toLowerCase()
      ](path);

    const anonymous = await call(t.http());
    if (rule === 'public') expect(anonymous.status).not.toBe(401);
    else expect(anonymous.status).toBe(401);

    for (const role of ROLES) {
      // logout would end the session the rest of the matrix needs
      if (route === 'POST /api/auth/logout') continue;
      const { status } = await call(agents.get(role)!);
      const isAllowed = rule === 'public' || rule.includes(role);
      if (isAllowed) expect([role, status]).not.toEqual([role, 403]);
      else expect([role, status]).toEqual([role, 403]);
      expect(status).not.toBe(401);
    }
  });
});
