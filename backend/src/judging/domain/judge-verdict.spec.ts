import { Rubric } from '../../marking/domain/marking-rules';
import { judgeVerdict, parseJudgement } from './judge-verdict';

const items: Rubric = {
  mode: 'items',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 6,
  items: [
    { id: 'a', points: 3, description: '写出原函数' },
    { id: 'b1', points: 3, description: '代入上下限，结果正确', group: 'b' },
    { id: 'b2', points: 1, description: '代入上下限，结果错误', group: 'b' },
    { id: 'c', points: -1, description: '书写不规范' },
  ],
};
const score: Rubric = {
  mode: 'score',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 10,
  items: [],
};
const json = (o: object) => JSON.stringify(o);

describe('judge output', () => {
  it('scores a JSON judgement that keeps to the rubric', () => {
    expect(
      judgeVerdict(
        json({ applied_items: ['a', 'b1'], adjustment: 0, total: 6, rationale: '完整' }),
        items,
        6,
      ),
    ).toEqual({
      status: 'scored',
      appliedItems: ['a', 'b1'],
      adjustment: 0,
      points: 6,
      rationale: '完整',
    });
  });

  it('reads JSON in a code fence and the tagged fallback', () => {
    expect(
      parseJudgement('```json\n{"applied_items":[],"adjustment":0,"total":2,"rationale":"x"}\n```'),
    ).toMatchObject({ total: 2 });
    const tagged =
      '<items>a， c</items><adjustment>0</adjustment><total>2</total><rationale>少了代入</rationale>';
    expect(judgeVerdict(tagged, items, 6)).toMatchObject({
      status: 'scored',
      appliedItems: ['a', 'c'],
      points: 2,
    });
  });

  it('records unparsable output as failed, never as a score', () => {
    for (const text of [
      '我给 5 分',
      '{"total": "five"}',
      '{"applied_items": [1], "total": 3}',
      '<total>3</total>',
      '',
    ])
      expect(judgeVerdict(text, items, 6)).toMatchObject({
        status: 'failed',
        code: 'judge.unparsable',
      });
  });

  it('fails a judgement that breaks the rubric, with the code and what was wrong', () => {
    const v = (o: object, r: Rubric = items, max = 6) =>
      judgeVerdict(json({ adjustment: 0, rationale: 'r', ...o }), r, max);
    expect(v({ applied_items: ['z'], total: 3 })).toMatchObject({
      code: 'judge.unknown_item',
      params: { item: 'z' },
    });
    expect(v({ applied_items: ['a', 'a'], total: 6 })).toMatchObject({
      code: 'judge.item_repeated',
    });
    expect(v({ applied_items: ['b1', 'b2'], total: 4 })).toMatchObject({
      code: 'judge.group_broken',
      params: { group: 'b', items: 'b1,b2' },
    });
    expect(v({ applied_items: ['a', 'b1'], total: 7 })).toMatchObject({
      code: 'judge.total_out_of_range',
      params: { total: 7, max: 6 },
    });
    expect(v({ applied_items: [], total: -1 })).toMatchObject({ code: 'judge.total_out_of_range' });
    expect(v({ applied_items: ['a'], total: 5 })).toMatchObject({
      code: 'judge.total_mismatch',
      params: { total: 5, expected: 3 },
    });
    expect(v({ applied_items: ['a'], total: 6 }, score, 10)).toMatchObject({
      code: 'judge.items_in_score_mode',
    });
    expect(
      judgeVerdict(
        json({ applied_items: ['a'], adjustment: 1, total: 4, rationale: ' ' }),
        items,
        6,
      ),
    ).toMatchObject({
      code: 'judge.adjustment_unexplained',
    });
  });

  it('applies the rubric arithmetic: floor, ceiling, adjustment, score mode', () => {
    // a alone with the deduction: 3 - 1 = 2; an explained adjustment of +0.5 gives 2.5
    expect(
      judgeVerdict(
        json({ applied_items: ['a', 'c'], adjustment: 0.5, total: 2.5, rationale: '步骤清楚' }),
        items,
        6,
      ),
    ).toMatchObject({
      status: 'scored',
      points: 2.5,
    });
    // c alone clamps at the floor, 0
    expect(
      judgeVerdict(
        json({ applied_items: ['c'], adjustment: 0, total: 0, rationale: 'r' }),
        items,
        6,
      ),
    ).toMatchObject({ points: 0 });
    expect(
      judgeVerdict(
        json({ applied_items: [], adjustment: 0, total: 7.5, rationale: 'r' }),
        score,
        10,
      ),
    ).toMatchObject({ points: 7.5 });
    expect(
      judgeVerdict(
        json({ applied_items: [], adjustment: 0, total: 11, rationale: 'r' }),
        score,
        12,
      ),
    ).toMatchObject({
      code: 'judge.total_out_of_range',
    });
  });
});
