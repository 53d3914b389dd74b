import { Browser, expect, Page, test } from '@playwright/test';
import { apiSignIn } from '../support/accounts';

/**
 * The JavaScript a first visit downloads (empty cache), in Chromium: the sign-in page, and the
 * marking screen opened by a signed-in teacher. "Transferred" is the response bodies as sent
 * (compressed when the server compresses), "uncompressed" the scripts as run.
 */
async function scriptsOf(
  browser: Browser,
  baseURL: string,
  path: string,
  prepare?: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  if (prepare) await prepare(page);
  const seen: Promise<{ url: string; sent: number; size: number; encoding: string }>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    seen.push(
      (async () => {
        const [body, sizes, encoding] = await Promise.all([
          res.body(),
          res.request().sizes(),
          res.headerValue('content-encoding'),
        ]);
        return {
          url: res.url(),
          sent: sizes.responseBodySize,
          size: body.length,
          encoding: encoding ?? 'identity',
        };
      })(),
    );
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  const scripts = await Promise.all(seen);
  await context.close();
  const kB = (n: number) => (n / 1000).toFixed(1);
  const sent = scripts.reduce((s, x) => s + x.sent, 0);
  const size = scripts.reduce((s, x) => s + x.size, 0);
  const encodings = [...new Set(scripts.map((s) => s.encoding))].join(', ');
  console.log(
    `| ${path.replace(/[0-9a-f-]{36}/, ':id')} | ${scripts.length} | ${kB(size)} kB | ${kB(sent)} kB | ${encodings} |`,
  );
  return { sent, size };
}

test('first-load JavaScript of the sign-in page and the marking screen', async ({
  browser,
  baseURL,
}) => {
  console.log(
    '| page | scripts | uncompressed | transferred | encoding |\n| --- | ---: | ---: | ---: | --- |',
  );
  await scriptsOf(browser, baseURL!, '/login');
  let questionId = '';
  await scriptsOf(browser, baseURL!, '/marking', async (page) => {
    await apiSignIn(page.request, 'teacher');
    const questions = await (await page.request.get('/api/marking/questions')).json();
    questionId = questions[0].questionId;
  });
  expect(questionId).not.toBe('');
  await scriptsOf(browser, baseURL!, `/marking/${questionId}`, async (page) => {
    await apiSignIn(page.request, 'teacher');
  });
});
