import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The answer and question a recorded judgement reads, and the points the question is worth. */
export interface RecordedUnit {
  responseId: string;
  questionId: string;
  maxPoints: number;
}

/** A recorded judgement as stored: a judge read with no rubric items, its outcome decided by the service. */
export interface RecordedRead {
  responseId: string;
  questionId: string;
  judgeModelId: string;
  templateVersion: string;
  status: 'scored' | 'failed';
  failureCode: string | null;
  failureParams: object | null;
  points: number | null;
  maxPoints: number;
  rationale: string | null;
  provenance: object;
}

/**
 * The SQL of importing recorded judgements. Raw SQL: ai_models' upsert by name and judge_reads have
 * no entities, and finding an answer joins five tables by names the file gives (a slug or a version id).
 */
@Injectable()
export class JudgeImportRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The recorded judge by name: created imported (never called), or an existing model marked judge. */
  async upsertRecordedJudge(m: EntityManager, name: string, modelId: string): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO ai_models (name, provider, model_id, modality, is_imported, is_judge, params)
       VALUES ($1, 'recorded', $2, 'text', true, true, '{}')
       ON CONFLICT (name) DO UPDATE SET is_judge = true RETURNING id`,
      [name, modelId],
    );
    return row.id;
  }

  /** The newest answer of this model and sample to this top-level question of the paper (slug or version id), or null. */
  async findUnit(
    m: EntityManager,
    l: { paper: string; question: string; sample: number; answerModel: string },
  ): Promise<RecordedUnit | null> {
    const [unit] = await m.query(
      `SELECT r.id AS "responseId", q.id AS "questionId", q.points::float AS "maxPoints"
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id JOIN papers p ON p.id = v.paper_id
       JOIN responses r ON r.question_id = q.id AND r.source_kind = 'model' AND r.sample_index = $3
       JOIN ai_models am ON am.id = r.model_id AND am.name = $4
       WHERE q.parent_id IS NULL AND q.number = $2 AND (p.slug = $1 OR v.id::text = $1)
       ORDER BY v.version DESC, r.created_at DESC LIMIT 1`,
      [l.paper, l.question, l.sample, l.answerModel],
    );
    return unit ?? null;
  }

  /** Whether this judge already read this answer with this template. */
  async hasRead(
    m: EntityManager,
    unit: RecordedUnit,
    judgeModelId: string,
    templateVersion: string,
  ): Promise<boolean> {
    const [seen] = await m.query(
      `SELECT 1 FROM judge_reads WHERE response_id = $1 AND question_id = $2 AND judge_model_id = $3 AND template_version = $4 LIMIT 1`,
      [unit.responseId, unit.questionId, judgeModelId, templateVersion],
    );
    return Boolean(seen);
  }

  async insertRead(m: EntityManager, r: RecordedRead): Promise<void> {
    await m.query(
      `INSERT INTO judge_reads (response_id, question_id, judge_model_id, template_version, status, failure_code, failure_params,
                                rubric_id, applied_items, adjustment, points, max_points, rationale, provenance)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, '[]', 0, $8, $9, $10, $11)`,
      [
        r.responseId,
        r.questionId,
        r.judgeModelId,
        r.templateVersion,
        r.status,
        r.failureCode,
        r.failureParams === null ? null : JSON.stringify(r.failureParams),
        r.points,
        r.maxPoints,
        r.rationale,
        JSON.stringify(r.provenance),
      ],
    );
  }
}
