import { expect, test } from '@playwright/test';
import { apiSignIn } from '../support/accounts';

test.describe('papers API journey', () => {
  test('the sample library is served, each paper renders for a vision model, and bad input is refused', async ({ request }) => {
    // step: anonymous callers are turned away; a researcher signs in
    expect((await request.get('/api/papers')).status()).toBe(401);
    const csrf = await apiSignIn(request, 'author');

    // step: the library holds the sample papers
    const list = await request.get('/api/papers');
    expect(list.ok()).toBe(true);
    const papers = await list.json();
    expect(papers.length).toBeGreaterThanOrEqual(10);
    expect(new Set(papers.map((p: { subject: string }) => p.subject)).size).toBeGreaterThanOrEqual(6);
    expect(papers.reduce((n: number, p: { imageQuestionCount: number }) => n + p.imageQuestionCount, 0)).toBeGreaterThanOrEqual(30);

    // step: an image paper renders with image_url parts for a vision model
    const physics = papers.find((p: { slug: string }) => p.slug === 'gaokao-mm-physics-images');
    const rendered = await (await request.get(`/api/papers/${physics.id}/render?mode=vision`)).json();
    const parts = rendered.questions[0].messages[1].content;
    expect(parts.some((p: { type: string }) => p.type === 'image_url')).toBe(true);

    // step: a text-only rendering of the same paper is flagged
    const text = await (await request.get(`/api/papers/${physics.id}/render?mode=text`)).json();
    expect(text.questions.every((q: { flags: string[] }) => q.flags.includes('image_question_in_text_mode'))).toBe(true);

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
});
