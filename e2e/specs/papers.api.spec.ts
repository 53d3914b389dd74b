import { expect, test } from '@playwright/test';
import { apiSignIn } from '../support/accounts';

test.describe('papers API journey', () => {
  test('the sample library is served, each paper renders for a vision model, and bad input is refused', async ({
    request,
  }) => {
    // step: anonymous callers are turned away; a researcher signs in
    expect((await request.get('/api/papers')).status()).toBe(401);
    const csrf = await apiSignIn(request, 'author');

    // step: the library holds the sample papers
    const list = await request.get('/api/papers');
    expect(list.ok()).toBe(true);
    const papers = await list.json();
    expect(papers.length).toBeGreaterThanOrEqual(10);
    expect(new Set(papers.map((p: { subject: string }) => p.subject)).size).toBeGreaterThanOrEqual(
      6,
    );
    expect(
      papers.reduce((n: number, p: { imageQuestionCount: number }) => n + p.imageQuestionCount, 0),
    ).toBeGreaterThanOrEqual(30);

    // step: an image paper renders with image_url parts for a vision model
    const physics = papers.find((p: { slug: string }) => p.slug === 'gaokao-mm-physics-images');
    const rendered = await (
      await request.get(`/api/papers/${physics.id}/render?mode=vision`)
    ).json();
    const parts = rendered.questions[0].messages[1].content;
    expect(parts.some((p: { type: string }) => p.type === 'image_url')).toBe(true);

    // step: a text-only rendering of the same paper is flagged
    const text = await (await request.get(`/api/papers/${physics.id}/render?mode=text`)).json();
    expect(
      text.questions.every((q: { flags: string[] }) =>
        q.flags.includes('image_question_in_text_mode'),
      ),
    ).toBe(true);

    // step: uploads that are not bundles are refused with a clear 4xx
    const notZip = await request.post('/api/papers/import', {
      headers: { 'X-XSRF-TOKEN': csrf },
      multipart: { file: { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') } },
    });
    expect(notZip.status()).toBe(415);
    expect((await notZip.json()).message).toContain('x.txt: not a zip file');
    expect((await request.get('/api/papers')).ok()).toBe(true);
    expect((await (await request.get('/api/papers')).json()).length).toBe(papers.length);
  });

  test('the library filters by stage and grade, and every sample paper from grade 1 to 12 has a labelled synthetic cohort', async ({
    request,
  }) => {
    await apiSignIn(request, 'researcher');
    const list = async (query: string) =>
      (await (await request.get(`/api/papers${query}`)).json()) as {
        id: string;
        stage: string;
        grade: number;
        subject: string;
        title: string;
      }[];
    const all = await list('');

    // step: each stage is its own part of the library, and together they are all of it
    const stages = {
      primary: await list('?stage=primary'),
      junior: await list('?stage=junior'),
      senior: await list('?stage=senior'),
    };
    expect(stages.primary.length + stages.junior.length + stages.senior.length).toBe(all.length);
    expect(stages.primary.every((p) => p.stage === 'primary' && p.grade >= 1 && p.grade <= 6)).toBe(
      true,
    );
    expect(stages.junior.every((p) => p.stage === 'junior' && p.grade >= 7 && p.grade <= 9)).toBe(
      true,
    );
    expect(new Set(stages.primary.map((p) => p.grade))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(new Set(stages.junior.map((p) => p.subject)).size).toBe(9);

    // step: stage and grade combine with each other and with the subject
    const grade3 = await list('?stage=primary&grade=3');
    expect(grade3.map((p) => p.title)).toEqual(['小学三年级数学应用题（CMATH）']);
    expect(await list('?stage=junior&grade=3')).toEqual([]);
    expect((await list('?stage=primary&subject=politics')).map((p) => p.title)).toEqual([
      '小学道德与法治选择题（E-EVAL）',
    ]);
    expect((await request.get('/api/papers?stage=college')).status()).toBe(400);

    // step: every paper, at every grade, has a synthetic cohort labelled so
    const cohorts = (await (await request.get('/api/cohorts')).json()) as {
      paperVersionId: string;
      isSynthetic: boolean;
      students: number;
    }[];
    for (const p of all) {
      const own = cohorts.filter((c) => c.paperVersionId === p.id);
      expect(own.some((c) => c.isSynthetic && c.students > 0)).toBe(true);
    }
  });
});
