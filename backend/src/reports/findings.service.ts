import { Inject, Injectable } from '@nestjs/common';
import type { FindingsResponse } from '@yuejuan/contracts';
import { AuditActor, AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { JudgeQualityService } from '../judge-quality/judge-quality.service';
import { findingsOf } from './domain/findings';
import { Resampler } from './domain/report';
import { anchorsOf, RoundData } from './domain/rounds';
import { ReportRepository, ReportScope } from './report.repository';
import { Scoring, ScoringQuery } from './report-scoring-source';
import { ReportScoringRepository } from './report-scoring.repository';
import { RoundsRepository } from './rounds.repository';
import { REPORT_SEED } from './reports.service';

const REPLICATES = 1000;
const LEVEL = 0.95;

/** What the findings are asked for: the report's filters (runs aside: a round decides its runs) and its scoring source. */
export type FindingsQuery = Omit<ReportScope, 'runIds'> & ScoringQuery & { runIds?: string[] };

/** The filters that narrow a round's slice: a finding the slice leaves too little for says so. */
const NARROWING = ['modelIds', 'paperVersionIds', 'subjects', 'stages', 'grades'] as const;

/** The findings' answer is the client's too: defined once in @yuejuan/contracts. */
export type FindingsResult = FindingsResponse;

/** The headline findings of one round against the students, and its change since the round before. */
@Injectable()
export class FindingsService {
  constructor(
    private readonly data: ReportRepository,
    private readonly scoringRepo: ReportScoringRepository,
    private readonly rounds: RoundsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly judgeQuality: JudgeQualityService,
  ) {}

  async findings(q: FindingsQuery, seed = REPORT_SEED): Promise<FindingsResult> {
    const method = { replicates: REPLICATES, seed, level: LEVEL };
    const narrowed = NARROWING.filter((k) => q[k]?.length);
    const filters = { narrowed: [...narrowed], runsIgnored: !!q.runIds?.length };
    const teachers = { source: q.scoringSource ?? 'teachers', judge: null };
    const roundId = q.roundId ?? (await this.rounds.latest());
    if (!roundId)
      return {
        round: null,
        previous: null,
        findings: [],
        cohorts: [],
        scoring: teachers,
        filters,
        method,
      };
    const round = await this.rounds.get(roundId);
    if (!round) throw new DomainError(`no round ${roundId}`, 404, undefined, 'round.not_found');
    const prev = await this.rounds.previous(roundId);
    const previous = prev ? await this.rounds.get(prev.id) : null;
    // One resampler for both rounds: a paper that appears in both gets the same weights (paired),
    // different papers independent ones.
    const resampler = new Resampler(REPLICATES, seed);
    const now = await this.load(roundId, q, q);
    // The previous round is read with the judge the current one uses, so a change never mixes two judges.
    const judge = now.scoring.judge;
    const before = previous
      ? await this.load(
          previous.id,
          q,
          judge ? { ...q, judge: judge.judgeModelId, judgeTemplate: judge.templateVersion } : q,
        )
      : null;
    const findings = findingsOf({
      current: { id: round.id, name: round.name, anchors: anchorsOf(now.data, resampler) },
      previous:
        previous && before
          ? { id: previous.id, name: previous.name, anchors: anchorsOf(before.data, resampler) }
          : null,
      // The index's two groups are the groups of REPORT_SUBJECT_GROUPS by these names.
      groups: { humanities: 'humanities', sciences: 'sciences' },
      narrowed: narrowed.length > 0,
    });
    const brief = (r: { id: string; name: string; heldOn: string }) => ({
      id: r.id,
      name: r.name,
      heldOn: r.heldOn,
    });
    return {
      round: brief(round),
      previous: previous && brief(previous),
      findings,
      cohorts: now.data.cohorts.map(({ id, paperVersionId, name, isSynthetic, students }) => ({
        id,
        paperVersionId,
        name,
        isSynthetic,
        students,
      })),
      scoring: { source: now.scoring.source, judge: now.scoring.judge },
      filters,
      method,
    };
  }

  /** One round's slice under the filters, scored by the chosen source (report-scoring-source.ts). */
  private async load(
    roundId: string,
    q: FindingsQuery,
    scoringQuery: ScoringQuery,
  ): Promise<{ data: RoundData; scoring: Scoring }> {
    const scope: ReportScope = {
      roundId,
      cohortIds: q.cohortIds,
      modelIds: q.modelIds,
      paperVersionIds: q.paperVersionIds,
      subjects: q.subjects,
      stages: q.stages,
      grades: q.grades,
    };
    const entries = await this.data.entries(scope);
    const questions = entries.length
      ? await this.data.questions(scope, entries, this.config.subjectGroups)
      : [];
    const ids = questions.map((x) => x.id);
    const scoring = await this.scoringRepo.resolveScoring(scoringQuery, ids, (judge, qs) =>
      this.judgeQuality.validatedQuestions(judge, qs),
    );
    if (!questions.length)
      return { data: { roundId, questions, cohorts: [], entries, units: [] }, scoring };
    const [units, cohorts] = await Promise.all([
      this.scoringRepo.scoredUnits(entries, ids, scoring),
      this.data.cohorts(scope, [...new Set(questions.map((x) => x.paperVersionId))]),
    ]);
    return { data: { roundId, questions, cohorts, entries, units }, scoring };
  }

  /** The findings leave the workbench with model results, like any export: recorded. */
  recordExport(actor: AuditActor, f: FindingsResult) {
    return this.audit.record(actor, {
      action: 'report_export',
      entityType: 'report',
      after: {
        format: 'findings.csv',
        roundId: f.round?.id ?? null,
        findings: f.findings.length,
        scoringSource: f.scoring.source,
        filters: f.filters.narrowed,
      },
    });
  }
}
