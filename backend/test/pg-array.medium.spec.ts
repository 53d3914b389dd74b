import { pgArray } from '../src/common/pg-array';
import { startTestApp, TestApp } from './test-app';

describe('pgArray literals read back by PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('keeps every awkward string, null and number as it was', async () => {
    const texts = [
      '',
      ' ',
      'NULL',
      'null',
      'a,b',
      '{x}',
      'say "B"',
      'back\\slash\\"',
      '多行\n答案\t【答案】Ｂ',
      "it's",
      null,
    ];
    const [{ back }] = await t.db.query(`SELECT $1::text[] AS back`, [pgArray(texts)]);
    expect(back).toEqual(texts);
    const [{ nums }] = await t.db.query(`SELECT $1::numeric[]::float8[] AS nums`, [
      pgArray([0, 1.5, -2, null, 1e-7]),
    ]);
    expect(nums).toEqual([0, 1.5, -2, null, 1e-7]);
    const json = [JSON.stringify({ a: 'x"y\\z' }), JSON.stringify(['B', 'C']), null];
    const [{ docs }] = await t.db.query(`SELECT $1::jsonb[]::text[] AS docs`, [pgArray(json)]);
    expect(docs.map((d: string | null) => (d === null ? null : JSON.parse(d)))).toEqual([
      { a: 'x"y\\z' },
      ['B', 'C'],
      null,
    ]);
  });
});
