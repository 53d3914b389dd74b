/**
 * What a marker reads of an answer. Blind marking hides the writer's name, but an answer's form can
 * give a model away just as well: end-of-answer tokens from a harness (GAOKAO-Bench's `<eoe>` and
 * `<eoa>`), chat-template tokens, the prompt's contract tags (【答案】, which students never write),
 * and reasoning blocks. They are taken out of the text a teacher (or a judge) sees; the raw text
 * stays in the response for the record and the researchers' drill-down.
 */

/** Special tokens of harnesses and chat templates that leak into completions. */
const MACHINE_TOKENS =
  /<\/?eo[ea]>|<\|(?:im_end|im_start|endoftext|eot_id|end_of_text|end|assistant|user|system|begin_of_text|start_header_id|end_header_id)\|>|<｜(?:end▁of▁sentence|begin▁of▁sentence|Assistant|User)｜>|<\/s>|<s>|\[\/?INST\]|<end_of_turn>|<start_of_turn>(?:model|user)?/gi;

/** The answer contract's section tags (the prompt asks models for them; a student writes none). */
const CONTRACT_TAGS = /【\s*(?:答案|解析|分析|详解|解答|答)\s*】[:：]?/g;

/** Closed reasoning blocks; an unclosed opening tag is dropped and its text kept (it is all there is). */
const REASONING = /<(think|thinking|reasoning|reflection)>[\s\S]*?<\/\1>/gi;
const REASONING_TAG = /<\/?(?:think|thinking|reasoning|reflection)>/gi;

export function answerForMarker(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(REASONING, '')
    .replace(REASONING_TAG, '')
    .replace(MACHINE_TOKENS, '')
    .replace(CONTRACT_TAGS, '')
    // what the removals leave: blank runs at line ends and between paragraphs
    .replace(/[ \t\u3000]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text;
}

/**
 * The first `max` characters of an answer as a marker reads it, for lists: never cut inside a
 * `$…$` formula (a half formula would show as raw LaTeX), with an ellipsis where it was cut.
 */
export function excerptForMarker(raw: string, max: number): string {
  const text = answerForMarker(raw).replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  if ((cut.match(/(?<!\\)\$/g)?.length ?? 0) % 2) cut = cut.slice(0, cut.lastIndexOf('$'));
  return cut.trimEnd() + '…';
}
