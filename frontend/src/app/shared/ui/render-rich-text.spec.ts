import { renderRichText } from './render-rich-text';

describe('renderRichText', () => {
  it('renders inline and display LaTeX with KaTeX', () => {
    const html = renderRichText('已知 $x^2=4$，求 $$\\frac{1}{2}$$');
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html).not.toContain('$x^2');
  });

  it('keeps underscores inside formulas away from Markdown', () => {
    const html = renderRichText('$a_1 + a_2$ 和 *强调*');
    expect(html).toContain('<em>强调</em>');
    expect(html.match(/class="katex"/g)?.length).toBe(1);
  });

  it('never lets answer text run script', () => {
    const html = renderRichText(
      '<img src=x onerror="alert(1)"><script>alert(2)</script>[x](javascript:alert(3))',
    );
    expect(html).not.toMatch(/onerror|<script|javascript:/i);
  });

  it('leaves an escaped dollar alone', () => {
    expect(renderRichText('价格 \\$5')).not.toContain('katex');
  });
});

describe('answer text', () => {
  it('loads nothing remote and runs nothing', () => {
    const html = renderRichText(
      '答案 ![x](https://evil.example/t.png) <img src=x onerror=alert(1)> <script>alert(2)</script> [link](https://evil.example) $x^2$',
      {
        isAnswer: true,
      },
    );
    expect(html).not.toMatch(/<img|<script|<a /);
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/src="https:\/\/evil|href=/);
    expect(html).toContain('katex');
  });
});
