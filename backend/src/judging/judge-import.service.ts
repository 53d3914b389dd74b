import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import { parseRecordedJudgements, RecordedJudgementLine, recordedVerdict } from './domain/recorded-judgement';

/**
 * Recorded judgements (a benchmark's own grading of the answers it published) imported as the
 * judge reads of a recorded judge: an ai_models row marked imported and judge, never called.
 * All or nothing per file; a line whose question or answer is not here is reported, not guessed.
 */
@Injectable()
export class JudgeImportService {
  private readonly logger = new Logger(JudgeImportService.name);

  constructor(private readonly db: DataSource) {}

  /** Every `*-judge.jsonl` in the recorded-runs folder (after the recorded answers are in). */
  async importRecordedJudges(dir: string): Promise<number> {
    if (!existsSync(dir)) return 0;
    let n = 0;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('-judge.jsonl'))
      .sort())
      n += (await this.importFile(name, readFileSync(join(dir, name), 'utf8'))).imported;
    return n;
  }

  async importFile(file: string, text: string) {
    const { lines, errors } = parseRecordedJudgements(text);
    if (errors.length)
      throw new DomainError(
        `${file}: ${errors.length} bad lines`,
        400,
        errors.map((e) => ({ file, ...e })),
        'judge.import_invalid',
      );
    return this.db.transaction(async (m) => {
      const judges = new Map<string, string>();
      let imported = 0;
      let skipped = 0;
      const missing: { line: number; paper: string; question: string }[] = [];
      for (const l of lines) {
        const judgeId = judges.get(l.judge) ?? (await this.judgeModel(m, l));
        judges.set(l.judge, judgeId);
        const [unit] = await m.query(
          `SELECT r.id AS "responseId", q.id AS "questionId", q.points::float AS "maxPoints"
           FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id JOIN papers p ON p.id = v.paper_id
           JOIN responses r ON r.question_id = q.id AND r.source_kind = 'model' AND r.sample_index = $3
           JOIN ai_models am ON am.id = r.model_id AND am.name = $4
           WHERE q.parent_id IS NULL AND q.number = $2 AND (p.slug = $1 OR v.id::text = $1)
           ORDER BY v.version DESC, r.created_at DESC LIMIT 1`,
          [l.paper, l.question, l.sample, l.answerModel],
        );
        if (!unit) {
          missing.push({ line: l.line, paper: l.paper, question: l.question });
          continue;
        }
        // Idempotent: a start that seeds again records nothing twice (judge reads are append-only).
        const [seen] = await m.query(
          `SELECT 1 FROM judge_reads WHERE response_id = $1 AND question_id = $2 AND judge_model_id = $3 AND template_version = $4 LIMIT 1`,
          [unit.responseId, unit.questionId, judgeId, l.template],
        );
        if (seen) {
          skipped += 1;
          continue;
        }
        await this.insert(m, l, unit, judgeId);
        imported += 1;
      }
      if (missing.length) this.logger.warn(`${file}: ${missing.length} judgements have no matching answer here and were left out`);
      return { file, imported, skipped, missing };
    });
  }

  private async judgeModel(m: EntityManager, l: RecordedJudgementLine): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO ai_models (name, provider, model_id, modality, is_imported, is_judge, params)
       VALUES ($1, 'recorded', $2, 'text', true, true, '{}')
       ON CONFLICT (name) DO UPDATE SET is_judge = true RETURNING id`,
      [l.judge, l.judgeModelId],
    );
    return row.id;
  }

  private async insert(
    m: EntityManager,
    l: RecordedJudgementLine,
    unit: { responseId: string; questionId: string; maxPoints: number },
    judgeId: string,
  ) {
    const v = recordedVerdict(l.points, unit.maxPoints, l.rationale);
    await m.query(
      `INSERT INTO judge_reads (response_id, question_id, judge_model_id, template_version, status, failure_code, failure_params,
                                rubric_id, applied_items, adjustment, points, max_points, rationale, provenance)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, '[]', 0, $8, $9, $10, $11)`,
      [
        unit.responseId,
        unit.questionId,
        judgeId,
        l.template,
        v.status,
        v.status === 'failed' ? v.code : null,
        v.status === 'failed' ? JSON.stringify(v.params) : null,
        v.status === 'scored' ? v.points : null,
        unit.maxPoints,
        v.rationale,
        JSON.stringify({ ...l.provenance, judge: l.judgeModelId }),
      ],
    );
  }
}
