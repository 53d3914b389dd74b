import { Pipeline } from '../jobs/pipeline';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { sha256 } from '../common/hashing';
import { TEMPLATE_VERSION } from '../rendering/prompt-render';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnswerLine, ImportLineError, parseAnswersJsonl } from './answers-import';

export class AnswersRejectedError extends DomainError {
  constructor(errors: ImportLineError[]) {
    const f = errors[0];
    super(
      `answers rejected, nothing was stored: ${errors.length} problem(s); first: ${f.file}:${f.line}${f.field ? ` (${f.field})` : ''} ${f.message}`,
      422,
      errors,
      'answers.rejected',
      { count: errors.length, file: f.file, line: f.line },
    );
  }
}

interface Resolved extends AnswerLine {
  questionId: string;
  paperVersionId: string;
}

/** Imports answers produced elsewhere as a run of status "imported", all or nothing. */
@Injectable()
export class AnswersImportService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pipeline: Pipeline,
  ) {}

  /**
   * `skipUnknown`: GAOKAO-Bench files cover the whole benchmark; items outside the loaded papers
   * are skipped and counted rather than rejected.
   */
  async import(
    file: string,
    lines: AnswerLine[],
    errors: ImportLineError[],
    opts: { name: string; skipUnknown: boolean },
    actor: AuditActor,
  ) {
    const resolved = await this.resolve(file, lines, errors, opts.skipUnknown);
    const seen = new Set<string>();
    for (const r of resolved) {
      const key = `${r.model}|${r.questionId}|${r.sample}`;
      if (seen.has(key))
        errors.push({
          file,
          line: r.line,
          code: 'answers.duplicate',
          params: { file, line: r.line, model: r.model, sample: r.sample },
          message: `a second answer for model "${r.model}", this question and sample ${r.sample}`,
        });
      seen.add(key);
    }
    if (errors.length) throw new AnswersRejectedError(errors);
    if (!resolved.length)
      throw new AnswersRejectedError([
        { file, line: 1, code: 'answers.none_matched', params: { file }, message: 'no answer matches a question of the loaded papers' },
      ]);
    const runId = await this.db.transaction((m) => this.store(m, resolved, opts.name, actor));
    this.pipeline.answersStored(); // the controller settles the pipeline before it answers (graded count)
    return { runId, imported: resolved.length, skipped: lines.length - resolved.length };
  }

  /** The demo's recorded runs (`exam-papers/recorded-runs/*.jsonl`), loaded with the sample papers. */
  async importRecordedRuns(dir: string): Promise<number> {
    return this.importFolder(dir, 'recorded run');
  }

  /**
   * The demo's simulated runs (`exam-papers/recorded-runs/simulated/*.jsonl`): answers a script drew
   * where no model's exist (backend/scripts/build-simulated-run.mjs). Every line must say
   * `"simulated": true`, so a real model's file put here by mistake is refused, not passed off.
   */
  async importSimulatedRuns(dir: string): Promise<number> {
    return this.importFolder(dir, 'simulated run', true);
  }

  private async importFolder(dir: string, kind: string, simulatedOnly = false): Promise<number> {
    if (!existsSync(dir)) return 0;
    let n = 0;
    for (const name of readdirSync(dir)
      // A recorded judge's grading of these answers sits beside them (judging/judge-import.service.ts).
      .filter((f) => f.endsWith('.jsonl') && !f.endsWith('-judge.jsonl'))
      .sort()) {
      const { lines, errors } = parseAnswersJsonl(name, readFileSync(join(dir, name)));
      if (simulatedOnly)
        for (const l of lines.filter((x) => !x.simulated))
          errors.push({
            file: name,
            line: l.line,
            field: 'simulated',
            code: 'answers.field_invalid',
            params: { file: name, line: l.line, field: 'simulated' },
            message: 'a simulated run: every line must say "simulated": true',
          });
      const model = lines[0]?.model ?? name;
      n += (await this.import(name, lines, errors, { name: `${model} · ${kind}`, skipUnknown: false }, { id: null, name: 'system' }))
        .imported;
    }
    return n;
  }

  private async resolve(file: string, lines: AnswerLine[], errors: ImportLineError[], skipUnknown: boolean): Promise<Resolved[]> {
    const out: Resolved[] = [];
    for (const l of lines) {
      const [row] = l.provenance
        ? await this.db.query(
            `SELECT q.id, q.paper_version_id FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
             WHERE q.parent_id IS NULL AND q.provenance->>'file' = $1 AND (q.provenance->>'index')::int = $2 ORDER BY v.version DESC LIMIT 1`,
            [l.provenance.file, l.provenance.index],
          )
        : await this.db.query(
            `SELECT q.id, q.paper_version_id FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id JOIN papers p ON p.id = v.paper_id
             WHERE q.parent_id IS NULL AND q.number = $2 AND (p.slug = $1 OR v.id::text = $1) ORDER BY v.version DESC LIMIT 1`,
            [l.paper, l.question],
          );
      if (row) out.push({ ...l, questionId: row.id, paperVersionId: row.paper_version_id });
      else if (!skipUnknown)
        errors.push({
          file,
          line: l.line,
          field: 'question',
          code: 'answers.unknown_question',
          params: { file, line: l.line, question: l.question, paper: l.paper },
          message: `no top-level question "${l.question}" in paper "${l.paper}"`,
        });
    }
    return out;
  }

  private async store(m: EntityManager, rows: Resolved[], name: string, actor: AuditActor): Promise<string> {
    const [run] = await m.query(
      `INSERT INTO runs (name, status, template_version, notes, created_by, started_at, finished_at) VALUES ($1, 'imported', $2, 'imported answers', $3, now(), now()) RETURNING id`,
      [name, `imported (${TEMPLATE_VERSION} not used)`, actor.id],
    );
    const models = new Map<string, string>();
    for (const modelName of new Set(rows.map((r) => r.model))) {
      // A model any of whose answers were drawn by a script is shown as simulated from then on.
      const simulated = rows.some((r) => r.model === modelName && r.simulated);
      const [existing] = await m.query(`SELECT id FROM ai_models WHERE name = $1`, [modelName]);
      if (existing && simulated) await m.query(`UPDATE ai_models SET is_simulated = true WHERE id = $1`, [existing.id]);
      const id =
        existing?.id ??
        (
          await m.query(
            `INSERT INTO ai_models (name, provider, model_id, modality, is_imported, is_simulated, created_by) VALUES ($1, 'imported', $1, 'text', true, $3, $2) RETURNING id`,
            [modelName, actor.id, simulated],
          )
        )[0].id;
      models.set(modelName, id);
      await m.query(`INSERT INTO run_models (run_id, model_id, config_snapshot) VALUES ($1, $2, $3)`, [
        run.id,
        id,
        JSON.stringify({ name: modelName, imported: true, ...(simulated ? { simulated: true } : {}) }),
      ]);
    }
    await m.query(`INSERT INTO run_papers (run_id, paper_version_id) SELECT $1, unnest($2::uuid[])`, [
      run.id,
      [...new Set(rows.map((r) => r.paperVersionId))],
    ]);
    for (const r of rows) {
      const modelId = models.get(r.model)!;
      // Imported answers get a hash of their own: they must never be served as the answer to a live request.
      const hash = sha256(`import|${run.id}|${modelId}|${r.questionId}|${r.sample}`);
      await m.query(
        `WITH w AS (INSERT INTO work_items (run_id, model_id, question_id, sample_index, state, request_hash, attempts_count) VALUES ($1, $2, $3, $4, 'answered', $5, 1) RETURNING id),
              a AS (INSERT INTO attempts (work_item_id, request_hash, template_version, started_at, finished_at, response_text, reasoning_text, finish_reason, tokens_in, tokens_out, is_success)
                    SELECT w.id, $5, 'imported', now(), now(), $6, $7, $8, $9, $10, true FROM w RETURNING id)
         INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, attempt_id, outcome, text, reasoning_text)
         SELECT $3, 'model', $1, $2, $4, a.id, 'answered', $6, $7 FROM a`,
        [run.id, modelId, r.questionId, r.sample, hash, r.response, r.reasoning, r.finishReason, r.tokensIn, r.tokensOut],
      );
    }
    await this.audit.record(
      actor,
      { action: 'answers_import', entityType: 'run', entityId: run.id, after: { name, answers: rows.length, models: [...models.keys()] } },
      m,
    );
    return run.id;
  }
}
