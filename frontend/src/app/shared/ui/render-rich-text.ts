import DOMPurify from 'dompurify';
import katex from 'katex';
import { marked } from 'marked';

/**
 * Markdown with `$…$` / `$$…$$` LaTeX to safe HTML. Math is cut out before Markdown runs (so `_`
 * and `*` inside formulas survive), rendered by KaTeX, and the result is sanitised: exam and
 * answer text is untrusted and must never run script.
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
      }),
    );
    return `\uE000${math.length - 1}\uE000`;
  };
  const withoutMath = source
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex) => hold(tex, true))
    .replace(/(^|[^\\])\$([^$\n]+?)\$/g, (_, pre, tex) => pre + hold(tex, false));
  // In an answer, HTML is text: a pasted <script> shows as written instead of vanishing.
  const source2 = opts.isAnswer
    ? withoutMath.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    : withoutMath;
  const html = marked.parse(source2, { async: false, breaks: true, gfm: true }) as string;
  const restored = html.replace(/\uE000(\d+)\uE000/g, (_, i) => math[Number(i)]);
  // An answer (a model's or a student's) may not even load anything: no images, media or links
  // that would reach a remote server when a teacher opens it.
  const answerOnly = opts.isAnswer
    ? {
        tags: [
          'img',
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
        ],
        attrs: ['src', 'srcset', 'href', 'xlink:href', 'style', 'poster', 'background'],
      }
    : { tags: [], attrs: [] };
  return DOMPurify.sanitize(restored, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS: ['style', 'form', 'input', ...answerOnly.tags],
    FORBID_ATTR: answerOnly.attrs,
  });
}
