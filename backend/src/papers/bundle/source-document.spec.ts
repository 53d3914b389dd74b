import { MAX_NESTING, SourceDocument } from './source-document';

describe('SourceDocument on hostile text', () => {
  it('refuses a YAML alias bomb with its own error, not an exception', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const n of ['b', 'c', 'd', 'e', 'f']) {
      const prev = levels[levels.length - 1].slice(0, 1);
      levels.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const r = SourceDocument.parse('paper.yaml', levels.join('\n'));
    expect(r).toEqual([
      expect.objectContaining({ file: 'paper.yaml', code: 'bundle.alias_limit' }),
    ]);
  });

  it.each([
    ['flow JSON', (n: number) => `{"a": ${'['.repeat(n)}${']'.repeat(n)}}`],
    [
      'block YAML',
      (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1',
    ],
  ])('refuses %s nested past the limit, naming the line', (_name, make) => {
    expect(SourceDocument.parse('paper.json', make(MAX_NESTING - 2))).toBeInstanceOf(
      SourceDocument,
    );
    const r = SourceDocument.parse('paper.json', make(5_000));
    expect(r).toEqual([
      expect.objectContaining({ code: 'bundle.too_deep', line: expect.any(Number) }),
    ]);
  });

  it('keeps a few aliases working', () => {
    const r = SourceDocument.parse('paper.yaml', 'a: &x {k: 1}\nb: *x\n');
    expect(r).toBeInstanceOf(SourceDocument);
    expect((r as SourceDocument).value).toEqual({ a: { k: 1 }, b: { k: 1 } });
  });
});
