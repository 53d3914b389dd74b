import { Pipeline } from '../jobs/pipeline';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { sha256 } from '../common/hashing';
import { TEMPLATE_VERSION } from '../rendering/prompt-render';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnswerLine, ImportLineError, parseAnswersJsonl } from './answers-import';
import { AnswersImportRepository } from './answers-import.repository';
import { RunsRepository } from './runs.repository';

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
    private readonly repo: AnswersImportRepository,
    private readonly runs: RunsRepository,
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
        {
          file,
          line: 1,
          code: 'answers.none_matched',
          params: { file },
          message: 'no answer matches a question of the loaded papers',
        },
      ]);
    const runId = await this.repo.transaction((m) => this.store(m, resolved, opts.name, actor));
    await this.pipeline.answersStored(); // the controller settles the pipeline before it answers (graded count)
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
      n += (
        await this.import(
          name,
          lines,
          errors,
          { name: `${model} · ${kind}`, skipUnknown: false },
          { id: null, name: 'system' },
        )
      ).imported;
    }
    return n;
  }

  private async resolve(
    file: string,
    lines: AnswerLine[],
    errors: ImportLineError[],
    skipUnknown: boolean,
  ): Promise<Resolved[]> {
    const out: Resolved[] = [];
    for (const l of lines) {
      const target = l.provenance
        ? await this.repo.questionByProvenance(l.provenance.file, l.provenance.index)
        : await this.repo.questionByNumber(l.paper, l.question);
      if (target) out.push({ ...l, ...target });
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

  private async store(
    m: EntityManager,
    rows: Resolved[],
    name: string,
    actor: AuditActor,
  ): Promise<string> {
    const runId = await this.repo.insertRun(
      m,
      name,
      `imported (${TEMPLATE_VERSION} not used)`,
      actor.id,
    );
    const models = new Map<string, string>();
    for (const modelName of new Set(rows.map((r) => r.model))) {
      // A model any of whose answers were drawn by a script is shown as simulated from then on.
      const simulated = rows.some((r) => r.model === modelName && r.simulated);
      const existing = await this.repo.modelByName(m, modelName);
      if (existing && simulated) await this.repo.markSimulated(m, existing);
      const id = existing ?? (await this.repo.insertModel(m, modelName, simulated, actor.id));
      models.set(modelName, id);
      await this.runs.addModel(m, runId, id, {
        name: modelName,
        imported: true,
        ...(simulated ? { simulated: true } : {}),
      });
    }
    await this.runs.addPapers(m, runId, [...new Set(rows.map((r) => r.paperVersionId))]);
    for (const r of rows) {
      const modelId = models.get(r.model)!;
      await this.repo.insertAnswer(m, {
        runId,
        modelId,
        questionId: r.questionId,
        sample: r.sample,
        // Imported answers get a hash of their own: they must never be served as the answer to a live request.
        requestHash: sha256(`import|${runId}|${modelId}|${r.questionId}|${r.sample}`),
        response: r.response,
        reasoning: r.reasoning,
        finishReason: r.finishReason,
        tokensIn: r.tokensIn,
        tokensOut: r.tokensOut,
      });
    }
    await this.audit.record(
      actor,
      {
        action: 'answers_import',
        entityType: 'run',
        entityId: runId,
        after: { name, answers: rows.length, models: [...models.keys()] },
      },
      m,
    );
    return runId;
  }
}
