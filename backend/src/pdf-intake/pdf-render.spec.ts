import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPdf, renderPage, stripControl } from './pdf-render';

const SAMPLE = join(
  __dirname,
  '../../../exam-papers/intake-samples/gaokao-2022-national-b-math.pdf',
);

describe('renderPage', () => {
  it('renders the shipped sample PDF with its text, which PostgreSQL can store (no U+0000)', async () => {
    const doc = await openPdf(readFileSync(SAMPLE));
    const page = await renderPage(doc, 1);
    await doc.destroy();
    expect(page.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(page.textItems.length).toBeGreaterThan(10);
    expect(page.textItems.some((t) => stripControl(t.str) !== t.str)).toBe(false);
    expect(JSON.stringify(page.textItems)).not.toContain('\\u0000');
    // Every glyph of the title is in the text layer (an earlier CFF subset font lost 通 and 招).
    expect(page.textItems.map((t) => t.str).join('')).toContain(
      '2022年普通高等学校招生全国统一考试',
    );
  });

  it.each([
    ['a\u0000b', 'ab'],
    ['\u0001\u001f', ''],
    ['tab\tand newline\n stay', 'tab\tand newline\n stay'],
    [undefined, ''],
  ])('strips control characters from %j', (input, want) => {
    expect(stripControl(input)).toBe(want);
  });
});
