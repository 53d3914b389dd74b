/**
 * The judge as a reader: what an LLM judge is sent to mark one answer. It receives what a marker
 * receives and nothing more: the question as rendered for examinees (images included for a vision
 * judge), the part being scored, the reference answer, the rubric (items with ids, points, groups,
 * notes, scored samples) and the answer normalised as for teachers (answerForMarker). The input
 * type has no field for the model, run, student or response behind the answer, so nothing here
 * can leak who wrote it. Pure: no Nest, no database.
 */
import { answerForMarker } from '../../marking/domain/answer-for-marker';
import type { Rubric } from '../../marking/domain/marking-rules';
import type { ChatMessage, ContentPart } from '../../rendering/prompt-render';

/** Recorded with every judgement (like prompt templates): a changed wording is a new judge. */
export const JUDGE_TEMPLATE_VERSION = 'judge-v1';

export type JudgeOutputMode = 'json_schema' | 'tagged';

export interface JudgeRubric extends Rubric {
  graderNotes: string | null;
  samples: { answer: string; score: number; note?: string }[];
}

export interface JudgeInput {
  /** The user message of the question as the examinee saw it (renderForModel). */
  question: string | ContentPart[];
  /** The scored unit: the question itself, or one of its sub-questions. */
  target: { number: string; isSubQuestion: boolean; maxPoints: number };
  referenceAnswer: string | null;
  rubric: JudgeRubric;
  /** The answer as stored; normalised here exactly as the marking screen does. */
  answerText: string;
}

export interface JudgeRequest {
  templateVersion: string;
  messages: ChatMessage[];
  /** OpenAI-compatible structured output; absent for a tagged-output judge. */
  responseFormat: object | null;
}

/** The output contract as a JSON schema (strict: every field required, nothing else allowed). */
export const JUDGEMENT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['applied_items', 'adjustment', 'total', 'rationale'],
  properties: {
    applied_items: {
      type: 'array',
      items: { type: 'string' },
      description: 'ids of the rubric items that apply',
    },
    adjustment: {
      type: 'number',
      description: 'points added (or, negative, taken off) beyond the items; 0 if none',
    },
    total: { type: 'number', description: 'the points awarded' },
    rationale: { type: 'string', description: 'a short reason, citing the answer' },
  },
} as const;

const SYSTEM = [
  '你是一名高考阅卷老师，按照评分细则给一份考生作答评分。',
  '只依据题目、参考答案、评分细则和评分样例评分；不要猜测作答者是谁，也不要因为作答的写法加分或减分。',
  '评分细则为“按点给分”时，列出适用的评分点编号（同一组的评分点只能选一个），总分 = 起评分 + 各评分点分值之和（限制在下限与上限之间）+ 调整分；',
  '评分细则为“整体给分”时，不列评分点，直接给出总分。调整分一般为 0，若不为 0 必须在理由中说明。',
  '理由要简短（不超过 200 字），指出作答中得分或失分的地方。',
].join('\n');

const fmt = (n: number) => String(Math.round(n * 100) / 100);

function rubricText(r: JudgeRubric, maxPoints: number): string {
  const lines: string[] = [];
  if (r.mode === 'items') {
    lines.push(
      `评分方式：按点给分。起评分 ${fmt(r.startingPoints)}，下限 ${fmt(r.floorPoints)}，上限 ${fmt(r.ceilingPoints)}（满分 ${fmt(maxPoints)}）。`,
    );
    for (const i of r.items)
      lines.push(
        `- [${i.id}] ${i.points >= 0 ? '+' : ''}${fmt(i.points)} 分${i.group ? `（组 ${i.group}，同组只选一个）` : ''}：${i.description}`,
      );
  } else {
    lines.push(
      `评分方式：整体给分，总分在 ${fmt(r.floorPoints)} 到 ${fmt(r.ceilingPoints)} 之间（满分 ${fmt(maxPoints)}）。`,
    );
  }
  if (r.graderNotes?.trim()) lines.push(`阅卷说明：${r.graderNotes.trim()}`);
  return lines.join('\n');
}

function samplesText(r: JudgeRubric): string | null {
  if (!r.samples.length) return null;
  return r.samples
    .map(
      (s, k) =>
        `样例 ${k + 1}（${fmt(s.score)} 分${s.note ? `，${s.note}` : ''}）：\n${answerForMarker(s.answer)}`,
    )
    .join('\n\n');
}

function outputText(mode: JudgeOutputMode): string {
  if (mode === 'json_schema')
    return '只输出一个 JSON 对象：{"applied_items": [评分点编号…], "adjustment": 调整分, "total": 总分, "rationale": "理由"}。';
  return [
    '按下面的格式输出，不要输出别的内容：',
    '<items>适用的评分点编号，用逗号分隔；没有则留空</items>',
    '<adjustment>调整分，没有则为 0</adjustment>',
    '<total>总分</total>',
    '<rationale>理由</rationale>',
  ].join('\n');
}

/** The messages (and structured-output format) for one judgement. Deterministic: same input, same request, same hash. */
export function buildJudgeRequest(input: JudgeInput, mode: JudgeOutputMode): JudgeRequest {
  const head: ContentPart[] =
    typeof input.question === 'string'
      ? [{ type: 'text', text: input.question }]
      : input.question.map((p) => ({ ...p }));
  const target = input.target.isSubQuestion
    ? `本次只评第 ${input.target.number} 小题（满分 ${fmt(input.target.maxPoints)} 分）。`
    : `本次评第 ${input.target.number} 题（满分 ${fmt(input.target.maxPoints)} 分）。`;
  const sections = [
    target,
    `【参考答案】\n${input.referenceAnswer?.trim() || '（无）'}`,
    `【评分细则】\n${rubricText(input.rubric, input.target.maxPoints)}`,
    ...(samplesText(input.rubric) ? [`【评分样例】\n${samplesText(input.rubric)}`] : []),
    `【考生作答】\n${answerForMarker(input.answerText) || '（空白）'}`,
    outputText(mode),
  ];
  const parts: ContentPart[] = [
    { type: 'text', text: '【试题】' },
    ...head,
    { type: 'text', text: sections.join('\n\n') },
  ];
  const hasImages = parts.some((p) => p.type === 'image_url');
  const user: ChatMessage = hasImages
    ? { role: 'user', content: parts }
    : { role: 'user', content: parts.map((p) => (p as { text: string }).text).join('\n') };
  return {
    templateVersion: JUDGE_TEMPLATE_VERSION,
    messages: [{ role: 'system', content: SYSTEM }, user],
    responseFormat:
      mode === 'json_schema'
        ? {
            type: 'json_schema',
            json_schema: { name: 'judgement', strict: true, schema: JUDGEMENT_SCHEMA },
          }
        : null,
  };
}
