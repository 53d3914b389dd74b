import { Inject, Injectable } from '@nestjs/common';
import type { JudgeQualityOverview, JudgeQuestionDetail, JudgeSummary } from '@yuejuan/contracts';
import { Role } from '../auth/roles';
import { DomainError } from '../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { excerptForMarker } from '../marking/domain/answer-for-marker';
import { judgeQuality, JudgeQuestionQuality } from './domain/judge-quality';
import { JudgeKey, JudgeQualityRepository } from './judge-quality.repository';

export const JUDGE_QUALITY_SEED = 20261201;

/** Who may name the models behind answers: researchers and admins; a senior teacher is a teacher. */
const seesModels = (roles: Role[]) => roles.includes('researcher') || roles.includes('admin');

/**
 * Is a judge fit to score a question? Its figures against the teachers, the acceptance rule's
 * verdict, and the answers where they disagree most. The judge's reads come from judge_reads
 * (judging writes them, this module only reads), so judge quality sits at the report's level.
 */
@Injectable()
export class JudgeQualityService {
  constructor(
    private readonly repo: JudgeQualityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  judges(): Promise<JudgeSummary[]> {
    return this.repo.judges();
  }

  /** Every question the judge read: counts, the headline figures and the verdict. */
  async overview(judge: JudgeKey): Promise<JudgeQualityOverview> {
    const questions = await this.repo.questions(judge);
    const answers = await this.repo.answers(
      judge,
      questions.map((q) => q.questionId),
    );
    return {
      thresholds: this.config.judgeValidation,
      questions: questions.map((q) => {
        const f = judgeQuality(q, answers.get(q.questionId) ?? [], {
          thresholds: this.config.judgeValidation,
          seed: JUDGE_QUALITY_SEED,
          withSlices: false,
          disagreements: 0,
          headline: true,
        });
        return {
          questionId: q.questionId,
          number: q.number,
          paperTitle: q.paperTitle,
          subject: q.subject,
          maxPoints: q.maxPoints,
          counts: f.counts,
          verdict: f.verdict,
          vsFinal: f.vsFinal,
          vsReadsOnDouble: f.vsReadsOnDouble,
          humanHuman: f.humanHuman,
        };
      }),
    };
  }

  /** One question in full; slices and model names only for researchers and admins. */
  async question(judge: JudgeKey, questionId: string, roles: Role[]): Promise<JudgeQuestionDetail> {
    const [q] = await this.repo.questions(judge, [questionId]);
    if (!q)
      throw new DomainError(
        `judge has no judgement on question ${questionId}`,
        404,
        undefined,
        'judge.quality.no_judgements',
      );
    const answers = (await this.repo.answers(judge, [questionId])).get(questionId) ?? [];
    const withSlices = seesModels(roles);
    const f: JudgeQuestionQuality = judgeQuality(q, answers, {
      thresholds: this.config.judgeValidation,
      seed: JUDGE_QUALITY_SEED,
      withSlices,
    });
    const names = withSlices
      ? await this.repo.modelNames(f.slices.filter((s) => s.kind === 'model').map((s) => s.value))
      : new Map();
    const details = new Map<string, DisagreementRow>(
      (
        await this.repo.disagreementDetails(
          judge,
          questionId,
          f.disagreements.map((d) => d.responseId),
        )
      ).map((d: DisagreementRow) => [d.responseId, d]),
    );
    return {
      question: {
        id: q.questionId,
        number: q.number,
        paperTitle: q.paperTitle,
        subject: q.subject,
        maxPoints: q.maxPoints,
        tolerance: q.tolerance,
      },
      thresholds: this.config.judgeValidation,
      method: { seed: JUDGE_QUALITY_SEED, replicates: 1000, level: 0.95 },
      ...f,
      slices: f.slices.map((s) => ({
        ...s,
        label: s.kind === 'model' ? (names.get(s.value) ?? s.value) : s.value,
      })),
      disagreements: f.disagreements.map((d) => {
        const x = details.get(d.responseId);
        return {
          ...d,
          // the blind form every marker reads; who wrote it only for those allowed to know
          excerpt: excerptForMarker(x?.text ?? '', 600),
          judgeItems: x?.judgeItems ?? [],
          judgeAdjustment: x?.judgeAdjustment ?? 0,
          rationale: x?.rationale ?? null,
          reads: x?.reads ?? [],
          ...(withSlices ? { source: x?.source ?? null, modelName: x?.modelName ?? null } : {}),
        };
      }),
    };
  }

  /**
   * The questions on which the judge is validated by the acceptance rule (point estimates only:
   * no bootstrap), for the report's "teachers, else validated judge" scoring source.
   */
  async validatedQuestions(
    judge: JudgeKey,
    questionIds: string[] | null = null,
  ): Promise<Set<string>> {
    const questions = await this.repo.questions(judge, questionIds);
    if (!questions.length) return new Set();
    const answers = await this.repo.answers(
      judge,
      questions.map((q) => q.questionId),
    );
    const out = new Set<string>();
    for (const q of questions) {
      const f = judgeQuality(q, answers.get(q.questionId) ?? [], {
        thresholds: this.config.judgeValidation,
        seed: JUDGE_QUALITY_SEED,
        replicates: 0,
        withSlices: false,
        disagreements: 0,
      });
      if (f.verdict.validated) out.add(q.questionId);
    }
    return out;
  }
}

interface DisagreementRow {
  responseId: string;
  text: string;
  source: string;
  modelName: string | null;
  judgeItems: string[];
  judgeAdjustment: number;
  rationale: string | null;
  reads: { kind: string; points: number | null; items: string[] }[];
}
