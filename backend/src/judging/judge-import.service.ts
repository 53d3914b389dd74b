import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../common/domain-errors';
import {
  parseRecordedJudgements,
  RecordedJudgementLine,
  recordedVerdict,
} from './domain/recorded-judgement';
import { JudgeImportRepository, RecordedRead, RecordedUnit } from './judge-import.repository';

/**
 * Recorded judgements (a benchmark's own grading of the answers it published) imported as the
 * judge reads of a recorded judge: an ai_models row marked imported and judge, never called.
 * All or nothing per file; a line whose question or answer is not here is reported, not guessed.
 */
@Injectable()
export class JudgeImportService {
  private readonly logger = new Logger(JudgeImportService.name);

  constructor(private readonly repo: JudgeImportRepository) {}

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
    return this.repo.transaction(async (m) => {
      const judges = new Map<string, string>();
      let imported = 0;
      let skipped = 0;
      const missing: { line: number; paper: string; question: string }[] = [];
      for (const l of lines) {
        const judgeId =
          judges.get(l.judge) ?? (await this.repo.upsertRecordedJudge(m, l.judge, l.judgeModelId));
        judges.set(l.judge, judgeId);
        const unit = await this.repo.findUnit(m, l);
        if (!unit) {
          missing.push({ line: l.line, paper: l.paper, question: l.question });
          continue;
        }
        // Idempotent: a start that seeds again records nothing twice (judge reads are append-only).
        if (await this.repo.hasRead(m, unit, judgeId, l.template)) {
          skipped += 1;
          continue;
        }
        await this.repo.insertRead(m, this.read(l, unit, judgeId));
        imported += 1;
      }
      if (missing.length)
        this.logger.warn(
          `${file}: ${missing.length} judgements have no matching answer here and were left out`,
        );
      return { file, imported, skipped, missing };
    });
  }

  /** The judge read a recorded line becomes: its total checked against the question's points. */
  private read(l: RecordedJudgementLine, unit: RecordedUnit, judgeId: string): RecordedRead {
    const v = recordedVerdict(l.points, unit.maxPoints, l.rationale);
    return {
      responseId: unit.responseId,
      questionId: unit.questionId,
      judgeModelId: judgeId,
      templateVersion: l.template,
      status: v.status,
      failureCode: v.status === 'failed' ? v.code : null,
      failureParams: v.status === 'failed' ? v.params : null,
      points: v.status === 'scored' ? v.points : null,
      maxPoints: unit.maxPoints,
      rationale: v.rationale,
      provenance: { ...l.provenance, judge: l.judgeModelId },
    };
  }
}
