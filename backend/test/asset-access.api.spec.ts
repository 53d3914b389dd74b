import { Role } from '../src/auth/roles';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { makePdf } from './fixtures/pdf-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

/**
 * An image is visible as what holds it is: draft papers, PDF pages and crops to paper writers;
 * published papers to researchers too; teachers only the questions they mark. Hidden is 404.
 */
describe('asset access by role', () => {
  let t: TestApp;
  const as = new Map<Role, Agent>();
  let versionId: string;
  let questionImage: { sha: string; questionId: string };
  let pdfPage: string;

  const status = async (role: Role, sha: string, query = '') =>
    (await as.get(role)!.get(`/api/assets/${sha}${query}`)).status;
  const matrix = async (sha: string) =>
    Object.fromEntries(
      await Promise.all([...as.keys()].map(async (r) => [r, await status(r, sha)])),
    );

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    for (const role of ['admin', 'author', 'researcher', 'teacher', 'senior_teacher'] as Role[])
      as.set(role, await t.as(role, `assets-${role.replace('_', '')}`));
    const author = as.get('author')!;
    versionId = (
      await author.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip')
    ).body.versionId;
    const [row] = await t.db.query(
      `SELECT asset_sha256 AS sha, question_id AS "questionId" FROM question_images LIMIT 1`,
    );
    questionImage = row;
    const pdf = await author
      .post('/api/pdfs')
      .attach('file', makePdf([{ latin: 'secret exam' }]), 'exam.pdf');
    for (let i = 0; i < 100 && !pdfPage; i++) {
      const doc = (await author.get(`/api/pdfs/${pdf.body.id}`)).body;
      pdfPage = doc.pages[0]?.sha256;
      if (!pdfPage) await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(() => t.close());

  it("shows a draft paper's images to admins and authors only", async () => {
    expect(await matrix(questionImage.sha)).toEqual({
      admin: 200,
      author: 200,
      researcher: 404,
      teacher: 404,
      senior_teacher: 404,
    });
  });

  it('shows PDF pages to admins and authors only, even once a paper is published', async () => {
    await as.get('author')!.post(`/api/papers/${versionId}/publish`);
    expect(await matrix(pdfPage)).toEqual({
      admin: 200,
      author: 200,
      researcher: 404,
      teacher: 404,
      senior_teacher: 404,
    });
  });

  it("shows a published paper's images to researchers, and to teachers only for questions they mark", async () => {
    expect(await matrix(questionImage.sha)).toEqual({
      admin: 200,
      author: 200,
      researcher: 200,
      teacher: 404,
      senior_teacher: 404,
    });
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = 'assets-teacher'`);
    await t.db.query(`INSERT INTO marking_assignments (user_id, question_id) VALUES ($1, $2)`, [
      id,
      questionImage.questionId,
    ]);
    expect(await status('teacher', questionImage.sha)).toBe(200);
    expect(await status('teacher', questionImage.sha, '?profile=thumb')).toBe(200);
    expect(await status('senior_teacher', questionImage.sha)).toBe(404);
  });

  it('hides variants as it hides originals, and says nothing about whether a hash exists', async () => {
    expect(await status('researcher', pdfPage, '?profile=thumb')).toBe(404);
    const hidden = await as.get('teacher')!.get(`/api/assets/${pdfPage}`);
    const missing = await as.get('teacher')!.get(`/api/assets/${'0'.repeat(64)}`);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.body.code).toBe(missing.body.code);
  });
});
