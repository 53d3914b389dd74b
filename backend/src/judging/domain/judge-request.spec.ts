import { buildJudgeRequest, JUDGE_TEMPLATE_VERSION, JudgeInput } from './judge-request';

/** A unit as the service loads it: identity columns sit beside what the judge may read. */
const unit = {
  modelName: 'Secret-Model-9000',
  providerModelId: 'secret-model-9000-preview',
  runId: '6a0c8f55-3a5e-4b65-8bd2-2f2d6f2b9a11',
  responseId: '1f7d8c2e-0b5f-4a51-9a7e-6a33b1f2c0de',
  studentPseudonym: 'PSEUDO7Q2K9XW3LM',
  answer: '<think>Secret-Model-9000 thinks</think>【答案】$x=2$<|im_end|><eoa>',
};

const input = (answerText: string): JudgeInput => ({
  question: '第7题（6 分）\n求 $\\int_0^1 x\\,dx$。',
  target: { number: '7', isSubQuestion: false, maxPoints: 6 },
  referenceAnswer: '1/2',
  rubric: {
    mode: 'items',
    startingPoints: 0,
    floorPoints: 0,
    ceilingPoints: 6,
    items: [
      { id: 'a', points: 3, description: '写出原函数' },
      { id: 'b', points: 3, description: '代入上下限', group: 'g' },
    ],
    graderNotes: '结果写成 0.5 也给分',
    samples: [{ answer: '【答案】1/2', score: 6, note: '满分' }],
  },
  answerText,
});

describe('the judge request', () => {
  it('carries the question, reference, rubric items with ids, groups, notes and samples, and the normalised answer', () => {
    const r = buildJudgeRequest(input(unit.answer), 'json_schema');
    const text = JSON.stringify(r.messages);
    expect(r.templateVersion).toBe(JUDGE_TEMPLATE_VERSION);
    for (const s of [
      '求 $\\\\int_0^1',
      '【参考答案】\\n1/2',
      '[a] +3 分',
      '组 g',
      '结果写成 0.5 也给分',
      '样例 1（6 分，满分）',
      '$x=2$',
    ])
      expect(text).toContain(s);
    expect(r.responseFormat).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    expect(buildJudgeRequest(input(unit.answer), 'tagged').responseFormat).toBeNull();
    expect(JSON.stringify(buildJudgeRequest(input(unit.answer), 'tagged').messages)).toContain(
      '<total>',
    );
  });

  it('is blind: no model name or id, run, response or student, and no harness tokens from the answer', () => {
    const text = JSON.stringify(buildJudgeRequest(input(unit.answer), 'json_schema'));
    for (const secret of [
      unit.modelName,
      unit.providerModelId,
      unit.runId,
      unit.responseId,
      unit.studentPseudonym,
      '<eoa>',
      'im_end',
      '<think>',
    ])
      expect(text).not.toContain(secret);
  });

  it('is deterministic, so the same answer makes the same request (and hash)', () => {
    expect(JSON.stringify(buildJudgeRequest(input('x'), 'json_schema'))).toBe(
      JSON.stringify(buildJudgeRequest(input('x'), 'json_schema')),
    );
  });

  it('keeps the images of a vision rendering as parts', () => {
    const r = buildJudgeRequest(
      {
        ...input('x'),
        question: [
          { type: 'text', text: '如图' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } },
        ],
      },
      'json_schema',
    );
    expect(Array.isArray(r.messages[1].content)).toBe(true);
    expect(JSON.stringify(r.messages[1].content)).toContain('data:image/png;base64,AAA');
  });
});
