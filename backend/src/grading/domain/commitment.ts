import { fail, Parsed } from './parse';
import { commitments, fallbackRegion, Region } from './region';
import { TraceStep } from './types';

/**
 * Which of a response's commitments decides (eval-anchors §3.2, "the last anchored answer"): the
 * answer the response finally commits to. An earlier, different answer is retracted only when
 * something between the two says so ("Wait", "不对", "重新检查") or the later one is marked
 * final ("Final answer", "最终答案"); otherwise the response commits to two answers and is not a
 * clean answer (unparsed, for a teacher). Anchors that only rule an option out, or whose prose
 * names no answer, are passed over; a tag or boxed answer that cannot be read decides (unparsed).
 */

export type Reader<T> = (text: string, after: string, isLastLine: boolean) => Parsed<T>;

export interface Chosen<T> {
  region: Region | null;
  parsed: Parsed<T>;
  trace: TraceStep[];
}

const RETRACTION =
  /\bwait\b|\bactually\b|\bhowever\b|\bbut\b|\bhmm+\b|\bhold on\b|\bre-?check|\bre-?examin|\breconsider|\bsecond thought|\bmistake|\bcorrect(?:ion|ed|ing)\b|\binstead\b|\bno,|\boops\b|\bon reflection|\brevis|不对|错了|有误|不正确|重新|更正|修正|纠正|改正|再(?:检查|验证|看|想|算|思考|分析|审视|确认|核对)|检查一下|验证一下|核对|其实|实际上|但是|然而|不过|应为|应该是|改为|改选|等等|等一下|矛盾|假设|假如|\bsuppose\b|\bassum|\bif\b|contradict/i;
// A conclusion right before the later commitment ("所以答案是C", "Therefore, the answer is") ends the
// reasoning that came before it.
const CONCLUSION =
  /(?:所以|因此|因而|故|综上所述?|\btherefore|\bthus|\bhence|\bso)[\s,，:：]*(?:the\s+|my\s+)?$/i;

/** The conclusion word just before a commitment, or opening it ("故选C"), if any. */
function conclusion(s: string, at: number): string | null {
  const before = CONCLUSION.exec(s.slice(Math.max(0, at - 24), at))?.[0];
  const opening = /^(?:所以|因此|故|综上)/.exec(s.slice(at))?.[0];
  const word = before ?? opening;
  return word ? word.replace(/[\s,，:：]*(?:the|my)?\s*$/i, '').trim() : null;
}

const show = (v: unknown): string => (Array.isArray(v) ? v.join('；') : String(v));

function found(c: Region, index: number, of: number): TraceStep {
  return {
    code: 'region.found',
    params: { rule: c.rule, text: c.text.slice(0, 60), occurrence: index + 1, of },
  };
}

/** The decisive commitment of a response for a reader of one answer type, with the steps that chose it. */
export function chooseCommitment<T>(
  s: string,
  read: Reader<T>,
  same: (a: T, b: T) => boolean,
): Chosen<T> {
  const all = commitments(s);
  const results = all.map((c, i) => ({
    c,
    p: read(c.text, s.slice(c.end, Math.min(all[i + 1]?.start ?? s.length, c.end + 300)), false),
  }));
  // The prompt's contract tag outranks prose anchors; only an explicitly final one after it overrides it.
  const lastTag = results.map((r) => r.c.rule).lastIndexOf('tag');
  const scope =
    lastTag === -1
      ? results
      : results.filter((r, i) => r.c.rule === 'tag' || (i > lastTag && r.c.isFinal));
  const trace: TraceStep[] = [];
  let k = scope.length - 1;
  for (; k >= 0; k--) {
    const { c, p } = scope[k];
    if (p.ok) break;
    const isPassable =
      p.kind === 'negated' || (p.kind === 'none' && c.rule !== 'tag' && c.rule !== 'boxed');
    if (!isPassable) return { region: c, parsed: p, trace: [...trace, found(c, k, scope.length)] };
    trace.push({
      code: 'region.passed-over',
      params: { rule: c.rule, text: c.text.slice(0, 40), why: p.reason.code },
    });
  }
  // Every commitment rules out or names nothing: the last one says why.
  if (k < 0 && scope.length) {
    const last = scope[scope.length - 1];
    return {
      region: last.c,
      parsed: last.p,
      trace: [found(last.c, scope.length - 1, scope.length)],
    };
  }
  if (k < 0) {
    const region = fallbackRegion(s);
    if (!region) return { region: null, parsed: fail('none', 'unparsed.no-answer'), trace };
    const p = read(region.text, '', region.rule === 'last-line');
    return { region, parsed: p, trace: [...trace, found(region, 0, 1)] };
  }
  const final = scope[k] as { c: Region; p: Parsed<T> & { ok: true } };
  for (let j = k - 1; j >= 0; j--) {
    const e = scope[j];
    if (!e.p.ok || same(e.p.value, final.p.value)) continue;
    // From the earlier answer's own text (its line may go on "… wait,") to the later commitment.
    const from = s.indexOf(e.c.text, e.c.start);
    const between = s.slice(from === -1 ? e.c.end : from, final.c.start);
    const cue =
      RETRACTION.exec(between)?.[0] ??
      (final.c.isFinal && !e.c.isFinal ? 'final answer' : null) ??
      conclusion(s, final.c.start);
    const params = {
      earlier: show(e.p.value),
      earlierRule: e.c.rule,
      final: show(final.p.value),
      finalRule: final.c.rule,
    };
    if (!cue)
      return {
        region: final.c,
        parsed: fail('ambiguous', 'unparsed.two-answers', params),
        trace: [...trace, found(final.c, k, scope.length)],
      };
    trace.push({ code: 'region.retracted', params: { ...params, cue: cue.toLowerCase() } });
    break;
  }
  return { region: final.c, parsed: final.p, trace: [...trace, found(final.c, k, scope.length)] };
}
