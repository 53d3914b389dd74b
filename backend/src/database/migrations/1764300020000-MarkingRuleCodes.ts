import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a task is in its state, as a code with its numbers (marking_tasks.rule_code, rule_params)
 * beside the English sentence kept in `rule`: clients word the code in the reader's language
 * instead of parsing the sentence. Rows written before are given theirs from the sentence, whose
 * shapes are fixed (marking-rules.ts ruleSentence).
 */
export class MarkingRuleCodes1764300020000 implements MigrationInterface {
  name = 'MarkingRuleCodes1764300020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE marking_tasks ADD COLUMN rule_code text, ADD COLUMN rule_params jsonb NOT NULL DEFAULT '{}'`);
    const num = (i: number) => `(regexp_match(rule, pattern))[${i}]::numeric`;
    const shapes: [string, string, string][] = [
      ['^a senior arbitrated$', 'arbitrated', `'{}'::jsonb`],
      ['^reported as a problem: a senior decides$', 'problem', `'{}'::jsonb`],
      ['^single marking$', 'single', `'{}'::jsonb`],
      ['^not read yet$', 'unread', `'{}'::jsonb`],
      ['^waiting for the second read$', 'waitingSecond', `'{}'::jsonb`],
      ['^two reads within ([-\\d.]+): their mean$', 'twoWithin', `jsonb_build_object('tol', ${num(1)})`],
      ['^two reads differ by ([-\\d.]+) > ([-\\d.]+): a third read$', 'third', `jsonb_build_object('d', ${num(1)}, 'tol', ${num(2)})`],
      [
        '^third read within ([-\\d.]+) of ([-\\d.]+): mean of the closest pair$',
        'closestPair',
        `jsonb_build_object('tol', ${num(1)}, 'closest', ${num(2)})`,
      ],
      ['^third read within ([-\\d.]+) of neither: a senior arbitrates$', 'arbitrate', `jsonb_build_object('tol', ${num(1)})`],
    ];
    for (const [pattern, code, params] of shapes)
      await q.query(
        `UPDATE marking_tasks SET rule_code = $2, rule_params = ${params.replace(/pattern/g, '$1')} WHERE rule_code IS NULL AND rule ~ $1`,
        [pattern, code],
      );
    await q.query(`UPDATE marking_tasks SET rule_code = 'unread' WHERE rule_code IS NULL AND rule IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE marking_tasks DROP COLUMN rule_code, DROP COLUMN rule_params`);
  }
}
