import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { Finding, findingsOf } from './domain/findings';
import { Resampler } from './domain/report';
import { anchorsOf, RoundData } from './domain/rounds';
import { ReportData } from './report-data';
import { RoundsRepository } from './rounds.repository';
import { REPORT_SEED } from './reports.service';

const REPLICATES = 1000;
const LEVEL = 0.95;

export interface FindingsResult {
  round: { id: string; name: string; heldOn: string } | null;
  previous: { id: string; name: string; heldOn: string } | null;
  findings: Finding[];
  cohorts: { id: string; paperVersionId: string; name: string; isSynthetic: boolean; students: number }[];
  method: { replicates: number; seed: number; level: number };
}

/** The headline findings of one round against the students, and its change since the round before. */
@Injectable()
export class FindingsService {
  private readonly data: ReportData;
  private readonly rounds: RoundsRepository;

  constructor(
    db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.data = new ReportData(db);
    this.rounds = new RoundsRepository(db);
  }

  async findings(q: { roundId?: string; cohortIds?: string[] }, seed = REPORT_SEED): Promise<FindingsResult> {
    const method = { replicates: REPLICATES, seed, level: LEVEL };
    const roundId = q.roundId ?? (await this.rounds.latest());
    if (!roundId) return { round: null, previous: null, findings: [], cohorts: [], method };
    const round = await this.rounds.get(roundId);
    if (!round) throw new DomainError(`no round ${roundId}`, 404, undefined, 'round.not_found');
    const prev = await this.rounds.previous(roundId);
    const previous = prev ? await this.rounds.get(prev.id) : null;
    // One resampler for both rounds: a paper that appears in both gets the same weights (paired),
    // different papers independent ones.
    const resampler = new Resampler(REPLICATES, seed);
    const now = await this.load(roundId, q.cohortIds);
    const before = previous ? await this.load(previous.id, q.cohortIds) : null;
    const findings = findingsOf({
      current: { id: round.id, name: round.name, anchors: anchorsOf(now, resampler) },
      previous: previous && before ? { id: previous.id, name: previous.name, anchors: anchorsOf(before, resampler) } : null,
      // The index's two groups are the groups of REPORT_SUBJECT_GROUPS by these names.
      groups: { humanities: 'humanities', sciences: 'sciences' },
    });
    const brief = (r: { id: string; name: string; heldOn: string }) => ({ id: r.id, name: r.name, heldOn: r.heldOn });
    return {
      round: brief(round),
      previous: previous && brief(previous),
      findings,
      cohorts: now.cohorts.map(({ id, paperVersionId, name, isSynthetic, students }) => ({
        id,
        paperVersionId,
        name,
        isSynthetic,
        students,
      })),
      method,
    };
  }

  private async load(roundId: string, cohortIds?: string[]): Promise<RoundData> {
    const scope = { roundId, cohortIds };
    const entries = await this.data.entries(scope);
    if (!entries.length) return { roundId, questions: [], cohorts: [], entries, units: [] };
    const questions = await this.data.questions(scope, entries, this.config.subjectGroups);
    const [units, cohorts] = await Promise.all([
      this.data.units(
        entries,
        questions.map((x) => x.id),
      ),
      this.data.cohorts(scope, [...new Set(questions.map((x) => x.paperVersionId))]),
    ]);
    return { roundId, questions, cohorts, entries, units };
  }

  /** The findings leave the workbench with model results, like any export: recorded. */
  recordExport(actor: AuditActor, f: FindingsResult) {
    return this.audit.record(actor, {
      action: 'report_export',
      entityType: 'report',
      after: { format: 'findings.csv', roundId: f.round?.id ?? null, findings: f.findings.length },
    });
  }
}
