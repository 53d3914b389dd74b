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

describe('answer maths renders exactly like a stem', () => {
  const answer = '由余弦定理 $a^2=b^2+c^2$，故 $\\cos A=\\frac{25}{31}$，$BC=\\sqrt{6}$';

  it('keeps the styles KaTeX places superscripts, fractions and roots with', () => {
    const html = renderRichText(answer, { isAnswer: true });
    expect(html).toBe(renderRichText(answer));
    expect(html).toContain('class="msupsub"');
    expect(html).toContain('class="mfrac"');
    expect(html).toContain('class="mord sqrt"');
    // vertical placement of the exponent is an inline style: stripping it made a^2 read a₂
    expect(html).toMatch(/<span class="vlist" style="height:[\d.]+em;?"/);
  });

  it('renders \\( \\) and \\[ \\] delimiters as models write them', () => {
    const html = renderRichText('故 \\(x=\\frac{1}{2}\\)，且 \\[y=\\sqrt{2}\\]', {
      isAnswer: true,
    });
    expect(html).toContain('class="mfrac"');
    expect(html).toContain('katex-display');
  });

  it('keeps line breaks and Markdown tables', () => {
    const html = renderRichText('第一行\n第二行\n\n| x | y |\n|---|---|\n| 1 | 2 |', {
      isAnswer: true,
    });
    expect(html).toContain('<br>');
    expect(html).toContain('<table>');
  });

  it('shows images from the asset store only, and no style that fetches', () => {
    const own = `/api/assets/${'a'.repeat(64)}`;
    const html = renderRichText(
      `![图](${own}) ![x](https://evil.example/x.png) ![y](//evil.example/y.png) $\\color{red}{x}$`,
      { isAnswer: true },
    );
    expect(html).toContain(`src="${own}"`);
    expect(html).not.toContain('evil.example');
    expect(renderRichText('<p style="background:url(https://evil.example/a)">x</p>')).not.toContain(
      'evil.example',
    );
  });

  it('never links from TeX in an answer', () => {
    const html = renderRichText('$\\href{https://evil.example}{x}$ $\\url{https://evil.example}$', {
      isAnswer: true,
    });
    expect(html).not.toMatch(/href=|<a /);
  });
});
