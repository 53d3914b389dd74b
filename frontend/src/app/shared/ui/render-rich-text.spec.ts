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

describe('answers as written', () => {
  it('keeps a typed multiplication sign instead of reading it as emphasis', () => {
    const html = renderRichText('a1 + a1*r + a1*r^2 = 168，a6 = a1*r^5 = 56*1^5', {
      isAnswer: true,
    });
    expect(html).not.toContain('<em>');
    expect(html).toContain('a1*r + a1*r^2');
    expect(html).toContain('56*1^5');
  });

  it('still reads **bold** and a bulleted list', () => {
    const html = renderRichText('**答案**：B\n\n* 第一步\n* 第二步', { isAnswer: true });
    expect(html).toContain('<strong>答案</strong>');
    expect(html).toContain('<li>第一步</li>');
  });
});

describe('tabular in running text', () => {
  it('becomes a table whose cells keep their maths', () => {
    const html = renderRichText(
      '数据：\\begin{tabular}{|l|l|l|}\\hline 样本号 $i$ & 1 & 2 \\\\ \\hline 面积 $x_i$ & 0.04 & $|x|$ \\\\ \\hline\\end{tabular} 完',
    );
    expect(html).toContain('<table>');
    expect(html).not.toContain('tabular');
    expect(html).not.toContain('hline');
    expect(html.match(/<tr>/g)?.length).toBe(2);
    expect(html).toContain('<td>0.04</td>');
    expect(html.match(/class="katex"/g)?.length).toBe(3);
  });
});
