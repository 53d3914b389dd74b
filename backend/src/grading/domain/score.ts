import { blankMatches } from './equivalence';
import { GradableItem, GradeStatus, TraceStep } from './types';

/** Scoring by the paper's own rules (eval-anchors §3.3–3.4). Set operations, never substrings. */

export interface ScoredPart {
  score: number | null;
  maxScore: number;
  status: GradeStatus;
  reason: TraceStep;
  extracted: string;
}

export interface Scored {
  /** Null only when a blank cannot be compared by rule: the item is for a teacher. */
  score: number | null;
  status: GradeStatus;
  reason: TraceStep;
  parts?: ScoredPart[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const statusOf = (score: number, max: number): GradeStatus =>
  score >= max ? 'correct' : score > 0 ? 'partial' : 'wrong';

export function scoreSingle(answer: string, item: GradableItem): Scored {
  const key = String(item.key);
  if (answer.length > 1)
    return {
      score: 0,
      status: 'wrong',
      reason: { code: 'score.several', params: { answer: [...answer].join(', '), key } },
    };
  return answer === key
    ? {
        score: item.points,
        status: 'correct',
        reason: { code: 'score.correct', params: { answer } },
      }
    : { score: 0, status: 'wrong', reason: { code: 'score.wrong', params: { answer, key } } };
}

export function scoreTrueFalse(answer: boolean, item: GradableItem): Scored {
  const say = (b: boolean) => (b ? 'true' : 'false');
  return answer === item.key
    ? {
        score: item.points,
        status: 'correct',
        reason: { code: 'score.correct', params: { answer: say(answer) } },
      }
    : {
        score: 0,
        status: 'wrong',
        reason: {
          code: 'score.wrong',
          params: { answer: say(answer), key: say(item.key === true) },
        },
      };
}

export function scoreMulti(answer: string, item: GradableItem): Scored {
  const key = new Set(String(item.key));
  const chosen = new Set(answer);
  const wrong = [...chosen].filter((l) => !key.has(l));
  const right = [...chosen].filter((l) => key.has(l));
  const rule = item.policy?.rule ?? 'all_or_nothing';
  const keyText = [...key].sort().join('');
  if (wrong.length)
    return {
      score: 0,
      status: 'wrong',
      reason: { code: 'score.not-in-key', params: { wrong: wrong.join(''), key: keyText } },
    };
  if (right.length === key.size)
    return {
      score: item.points,
      status: 'correct',
      reason: { code: 'score.correct', params: { answer } },
    };
  const each = round2(item.points / key.size);
  const score =
    rule === 'subset_fixed'
      ? Math.min(item.policy?.partialPoints ?? 0, item.points)
      : rule === 'per_correct_option'
        ? Math.min(round2((item.points / key.size) * right.length), item.points)
        : 0;
  return {
    score,
    status: statusOf(score, item.points),
    reason: { code: 'score.partial', params: { answer, key: keyText, rule, points: score, each } },
  };
}

function scoreBlank(
  answer: string,
  accepted: string[],
  each: number,
  item: GradableItem,
): ScoredPart {
  let why: string | null = null;
  for (const key of accepted) {
    const m = blankMatches(answer, key, { subject: item.subject, isFormStrict: item.isFormStrict });
    if (m.equal)
      return {
        score: each,
        maxScore: each,
        status: 'correct',
        reason: { code: 'score.blank-match', params: { how: m.how, key } },
        extracted: answer,
      };
    if (m.undecidable) why ??= m.why;
  }
  const keys = accepted.join(' or ');
  // Equal to no accepted key, and not decidable for one of them: a teacher decides, never "wrong".
  if (why !== null)
    return {
      score: null,
      maxScore: each,
      status: 'unparsed',
      reason: { code: 'score.blank-undecidable', params: { keys, why } },
      extracted: answer,
    };
  return {
    score: 0,
    maxScore: each,
    status: 'wrong',
    reason: { code: 'score.blank-differs', params: { keys } },
    extracted: answer,
  };
}

/** Each blank is scored alone with an equal share of the points; a blank's key may accept several answers. */
export function scoreBlanks(answers: string[], item: GradableItem): Scored {
  const keys = (item.key as (string | string[])[]) ?? [];
  const each = round2(item.points / Math.max(1, keys.length));
  const parts = keys.map((k, i) =>
    scoreBlank(answers[i] ?? '', Array.isArray(k) ? k : [k], each, item),
  );
  const correct = parts.filter((p) => p.status === 'correct').length;
  const open = parts.flatMap((p, i) => (p.status === 'unparsed' ? [i + 1] : []));
  if (open.length)
    return {
      score: null,
      status: 'unparsed',
      reason: {
        code: 'score.blanks-undecided',
        params: { correct, of: parts.length, blanks: open.join(', ') },
      },
      parts,
    };
  // Shares are rounded to cents: three correct thirds of 10 are 10, not 9.99.
  const score =
    correct === parts.length
      ? item.points
      : Math.min(round2(parts.reduce((s, p) => s + (p.score ?? 0), 0)), item.points);
  return {
    score,
    status: statusOf(score, item.points),
    reason: { code: 'score.blanks', params: { correct, of: parts.length } },
    parts,
  };
}
