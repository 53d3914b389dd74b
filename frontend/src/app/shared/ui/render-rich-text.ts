import DOMPurify from 'dompurify';
import katex from 'katex';
import { marked } from 'marked';

/** Images an answer may show: the workbench's own stored assets, never a remote address. */
const OWN_ASSET = /^\/api\/assets\/[0-9a-f]{64}(\?profile=[a-z0-9-]+)?$/;
/** CSS that could fetch something or run code; KaTeX's own styles are lengths and colours only. */
const UNSAFE_STYLE = /url\s*\(|expression\s*\(|@import|javascript:|image-set|-moz-binding/i;

/**
 * Markdown with `$…$` / `$$…$$` LaTeX to safe HTML. Math is cut out before Markdown runs (so `_`
 * and `*` inside formulas survive), rendered by KaTeX, and the result is sanitised: exam and
 * answer text is untrusted and must never run script.
 *
 * An answer (a model's or a student's) renders exactly as well as a stem: formulas keep the inline
 * styles KaTeX places glyphs with, line breaks and tables stay. What differs is that HTML in it is
 * text, and nothing in it may reach another server when a teacher opens it: no links, media or
 * styles with URLs, and images only from the workbench's own asset store.
 */
export function renderRichText(source: string, opts: { isAnswer?: boolean } = {}): string {
  const math: string[] = [];
  const hold = (tex: string, display: boolean) => {
    math.push(
      katex.renderToString(tex, {
        displayMode: display,
        throwOnError: false,
        strict: 'ignore',
        output: 'html',
        // \href, \url, \includegraphics and \htmlStyle stay disabled: untrusted TeX may not link or load.
        trust: false,
        maxExpand: 1000,
      }),
    );
    return `\uE000${math.length - 1}\uE000`;
  };
  const withoutMath = source
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex) => hold(tex, true))
    .replace(/\\\[([\s\S]+?)\\\]/g, (_, tex) => hold(tex, true))
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex) => hold(tex, false))
    .replace(/(^|[^\\])\$([^$\n]+?)\$/g, (_, pre, tex) => pre + hold(tex, false));
  // Tables after the math is held aside, so a formula's | is never taken for a cell border.
  const tabled = tabularsToMarkdown(withoutMath);
  // In an answer, HTML is text: a pasted <script> shows as written instead of vanishing. And an
  // asterisk is a multiplication sign as students type it (a1*r^2), not Markdown emphasis, which
  // would silently drop it and set what lies between in italics; **bold** and list bullets stay.
  const source2 = opts.isAnswer
    ? tabled
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/(?<!\*)\*(?!\*)/g, (star, at: number, all: string) =>
          /(^|\n)[ \t]*$/.test(all.slice(0, at)) && all[at + 1] === ' ' ? star : '\\*',
        )
    : tabled;
  const html = marked.parse(source2, { async: false, breaks: true, gfm: true }) as string;
  const restored = html.replace(/\uE000(\d+)\uE000/g, (_, i) => math[Number(i)]);
  return sanitize(restored, !!opts.isAnswer);
}

function sanitize(html: string, isAnswer: boolean): string {
  const purify = DOMPurify;
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'style' && UNSAFE_STYLE.test(data.attrValue)) data.keepAttr = false;
    if (isAnswer && data.attrName === 'src' && !OWN_ASSET.test(data.attrValue))
      data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    // An answer's image without an allowed source is dropped rather than shown broken.
    if (isAnswer && node.tagName === 'IMG' && !node.getAttribute('src')) node.remove();
  });
  try {
    return purify.sanitize(html, {
      USE_PROFILES: { html: true, mathMl: true, svg: true },
      FORBID_TAGS: [
        'style',
        'form',
        'input',
        ...(isAnswer
          ? [
              'image',
              'video',
              'audio',
              'source',
              'picture',
              'iframe',
              'object',
              'embed',
              'link',
              'a',
            ]
          : []),
      ],
      FORBID_ATTR: isAnswer
        ? ['srcset', 'href', 'xlink:href', 'poster', 'background', 'action', 'formaction']
        : [],
    });
  } finally {
    purify.removeAllHooks();
  }
}

/**
 * LaTeX `tabular` blocks written in running text (the public Gaokao data has them outside `$…$`,
 * where KaTeX never sees them; KaTeX has no tabular anyway) as Markdown tables: rows split at
 * `\\`, cells at `&`, `\hline` dropped. Cells keep their math for KaTeX.
 */
export function tabularsToMarkdown(text: string): string {
  return text.replace(
    /\\begin\{tabular\}\{[^}]*\}([\s\S]*?)\\end\{tabular\}/g,
    (_, body: string) => {
      const rows = body
        .replace(/\\hline/g, '')
        .split(/\\\\/)
        .map((r) => r.trim())
        .filter((r) => r.length)
        .map((r) => r.split(/(?<!\\)&/).map((c) => c.trim().replace(/\|/g, '\\|') || ' '));
      if (!rows.length) return '';
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells: string[]) =>
        `| ${[...cells, ...Array(width - cells.length).fill(' ')].join(' | ')} |`;
      return `\n\n${[line(rows[0]), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n')}\n\n`;
    },
  );
}
