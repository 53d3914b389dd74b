import { DOMParser } from '@xmldom/xmldom';
import { ommlToLatex, XmlNode } from './omml-to-latex';

const M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"';
const r = (t: string) => `<m:r><m:t>${t}</m:t></m:r>`;
const latex = (body: string, root = 'm:oMath') =>
  ommlToLatex(
    new DOMParser().parseFromString(`<${root} ${M}>${body}</${root}>`, 'text/xml')
      .documentElement as unknown as XmlNode,
  );

describe('ommlToLatex', () => {
  it.each([
    [
      'a fraction and a power',
      `<m:f><m:num>${r('1')}</m:num><m:den>${r('2')}</m:den></m:f><m:sSup><m:e>${r('x')}</m:e><m:sup>${r('2')}</m:sup></m:sSup>`,
      '\\frac{1}{2} x^{2}',
    ],
    [
      'a function and a square root',
      `<m:func><m:fName>${r('sin')}</m:fName><m:e>${r('θ')}</m:e></m:func>${r('≤1,')}<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>${r('2')}</m:e></m:rad>`,
      '\\sin \\theta \\leq 1 , \\sqrt{2}',
    ],
    [
      'a sum and braces',
      `<m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr><m:sub>${r('i=1')}</m:sub><m:sup>${r('n')}</m:sup><m:e><m:sSub><m:e>${r('a')}</m:e><m:sub>${r('i')}</m:sub></m:sSub></m:e></m:nary><m:d><m:dPr><m:begChr m:val="{"/><m:endChr m:val="}"/></m:dPr><m:e>${r('1,2')}</m:e></m:d>`,
      '\\sum_{i = 1}^{n} a_{i} \\left\\{1 , 2\\right\\}',
    ],
    [
      'a vector and a limit',
      `<m:acc><m:accPr><m:chr m:val="\u20d7"/></m:accPr><m:e>${r('a')}</m:e></m:acc>${r('∈')}<m:sSub><m:e>${r('R')}</m:e><m:sub>${r('+')}</m:sub></m:sSub><m:func><m:fName><m:limLow><m:e>${r('lim')}</m:e><m:lim>${r('n→∞')}</m:lim></m:limLow></m:fName><m:e>${r('x')}</m:e></m:func>`,
      '\\vec{a} \\in R_{+} \\lim_{n \\rightarrow \\infty} x',
    ],
    [
      'a cube root and cases',
      `<m:rad><m:deg>${r('3')}</m:deg><m:e>${r('8')}</m:e></m:rad><m:d><m:dPr><m:begChr m:val="{"/><m:endChr m:val=""/></m:dPr><m:e><m:eqArr><m:e>${r('x>0')}</m:e><m:e>${r('y&lt;1')}</m:e></m:eqArr></m:e></m:d>`,
      '\\sqrt[3]{8} \\begin{cases}x > 0 \\\\ y < 1\\end{cases}',
    ],
  ])('%s', (_name, body, expected) => {
    expect(latex(body)).toBe(expected);
  });
});
