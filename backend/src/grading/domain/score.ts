import { blankMatches } from './equivalence';
import { GradableItem, GradeStatus } from './types';

/** Scoring by the paper's own rules (eval-anchors §3.3–3.4). Set operations, never substrings. */

export interface Scored {
  score: number;
  status: GradeStatus;
  explanation: string;
  parts?: { score: number; maxScore: number; status: GradeStatus; explanation: string; extracted: string }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const statusOf = (score: number, max: number): GradeStatus => (score >= max ? 'correct' : score > 0 ? 'partial' : 'wrong');

export function scoreSingle(answer: string, item: GradableItem): Scored {
  const key = String(item.key);
  if (answer.length > 1)
    return { score: 0, status: 'wrong', explanation: `chose ${[...answer].join(', ')} where one option is asked; the key is ${key}` };
  return answer === key
    ? { score: item.points, status: 'correct', explanation: `${answer} is the key` }
    : { score: 0, status: 'wrong', explanation: `${answer}, the key is ${key}` };
}

export function scoreTrueFalse(answer: boolean, item: GradableItem): Scored {
  const say = (b: boolean) => (b ? 'true' : 'false');
  return answer === item.key
    ? { score: item.points, status: 'correct', explanation: `${say(answer)} is the key` }
    : { score: 0, status: 'wrong', explanation: `${say(answer)}, the key is ${say(item.key === true)}` };
}

export function scoreMulti(answer: string, item: GradableItem): Scored {
  const key = new Set(String(item.key));
  const chosen = new Set(answer);
  const wrong = [...chosen].filter((l) => !key.has(l));
  const right = [...chosen].filter((l) => key.has(l));
  const rule = item.policy?.rule ?? 'all_or_nothing';
  const keyText = [...key].sort().join('');
  if (wrong.length) return { score: 0, status: 'wrong', explanation: `${wrong.join('')} not in the key ${keyText}` };
  if (right.length === key.size) return { score: item.points, status: 'correct', explanation: `${answer} is the key` };
  let score = 0;
  let why = `${answer} is part of the key ${keyText}; ${rule}`;
  if (rule === 'subset_fixed') {
    score = Math.min(item.policy?.partialPoints ?? 0, item.points);
    why += ` gives ${score}`;
  } else if (rule === 'per_correct_option') {
    score = round2((item.points / key.size) * right.length);
    why += ` gives ${round2(item.points / key.size)} per correct option`;
  } else why += ' gives 0';
  return { score, status: statusOf(score, item.points), explanation: why };
}

/** Each blank is scored alone with an equal share of the points; a blank's key may accept several answers. */
export function scoreBlanks(answers: string[], item: GradableItem): Scored {
  const keys = (item.key as (string | string[])[]) ?? [];
  const each = item.points / Math.max(1, keys.length);
  const parts = keys.map((k, i) => {
    const accepted = Array.isArray(k) ? k : [k];
    const answer = answers[i] ?? '';
    for (const key of accepted) {
      const m = blankMatches(answer, key, { subject: item.subject });
      if (m.equal)
        return {
          score: round2(each),
          maxScore: round2(each),
          status: 'correct' as const,
          explanation: `${m.how} match with ${key}`,
          extracted: answer,
        };
    }
    return {
      score: 0,
      maxScore: round2(each),
      status: 'wrong' as const,
      explanation: `not equal to ${accepted.join(' or ')}`,
      extracted: answer,
    };
  });
  const score = round2(parts.reduce((s, p) => s + p.score, 0));
  const correct = parts.filter((p) => p.status === 'correct').length;
  return { score, status: statusOf(score, item.points), explanation: `${correct} of ${parts.length} blanks correct`, parts };
}
