import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A loaded top-level question an imported answer belongs to. */
export interface ImportTarget {
  questionId: string;
  paperVersionId: string;
}

/** One imported answer as stored: its work item, its attempt and its response, all answered. */
export interface ImportedAnswer {
  runId: string;
  modelId: string;
  questionId: string;
  sample: number;
  requestHash: string;
  response: string;
  reasoning: string | null;
  finishReason: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
}

/** The SQL of importing answers produced elsewhere: finding their questions, their models, storing them as an imported run. */
@Injectable()
export class AnswersImportRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The question a GAOKAO-Bench item came from (its provenance), in the paper's newest version. Raw SQL: a JSONB path. */
  async questionByProvenance(file: string, index: number): Promise<ImportTarget | null> {
    const [row] = await this.db.query(
      `SELECT q.id AS "questionId", q.paper_version_id AS "paperVersionId" FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE q.parent_id IS NULL AND q.provenance->>'file' = $1 AND (q.provenance->>'index')::int = $2 ORDER BY v.version DESC LIMIT 1`,
      [file, index],
    );
    return row ?? null;
  }

  /** A top-level question by number in a paper named by its slug (newest version) or by a version id. */
  async questionByNumber(
    paper: string | null,
    number: string | null,
  ): Promise<ImportTarget | null> {
    const [row] = await this.db.query(
      `SELECT q.id AS "questionId", q.paper_version_id AS "paperVersionId" FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id JOIN papers p ON p.id = v.paper_id
       WHERE q.parent_id IS NULL AND q.number = $2 AND (p.slug = $1 OR v.id::text = $1) ORDER BY v.version DESC LIMIT 1`,
      [paper, number],
    );
    return row ?? null;
  }

  /** A run of status "imported", started and finished now; returns its id. */
  async insertRun(
    m: EntityManager,
    name: string,
    templateVersion: string,
    createdBy: string | null,
  ): Promise<string> {
    const [run] = await m.query(
      `INSERT INTO runs (name, status, template_version, notes, created_by, started_at, finished_at) VALUES ($1, 'imported', $2, 'imported answers', $3, now(), now()) RETURNING id`,
      [name, templateVersion, createdBy],
    );
    return run.id;
  }

  async modelByName(m: EntityManager, name: string): Promise<string | null> {
    const [row] = await m.query(`SELECT id FROM ai_models WHERE name = $1`, [name]);
    return row?.id ?? null;
  }

  async markSimulated(m: EntityManager, modelId: string) {
    await m.query(`UPDATE ai_models SET is_simulated = true WHERE id = $1`, [modelId]);
  }

  /** A model known only by the answers imported under its name: it cannot be called. */
  async insertModel(
    m: EntityManager,
    name: string,
    isSimulated: boolean,
    createdBy: string | null,
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO ai_models (name, provider, model_id, modality, is_imported, is_simulated, created_by) VALUES ($1, 'imported', $1, 'text', true, $3, $2) RETURNING id`,
      [name, createdBy, isSimulated],
    );
    return row.id;
  }

  /** Work item, attempt and response of one answer in one statement (chained CTE inserts). */
  async insertAnswer(m: EntityManager, a: ImportedAnswer) {
    await m.query(
      `WITH w AS (INSERT INTO work_items (run_id, model_id, question_id, sample_index, state, request_hash, attempts_count) VALUES ($1, $2, $3, $4, 'answered', $5, 1) RETURNING id),
            a AS (INSERT INTO attempts (work_item_id, request_hash, template_version, started_at, finished_at, response_text, reasoning_text, finish_reason, tokens_in, tokens_out, is_success)
                  SELECT w.id, $5, 'imported', now(), now(), $6, $7, $8, $9, $10, true FROM w RETURNING id)
       INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, attempt_id, outcome, text, reasoning_text)
       SELECT $3, 'model', $1, $2, $4, a.id, 'answered', $6, $7 FROM a`,
      [
        a.runId,
        a.modelId,
        a.questionId,
        a.sample,
        a.requestHash,
        a.response,
        a.reasoning,
        a.finishReason,
        a.tokensIn,
        a.tokensOut,
      ],
    );
  }
}
