import { Injectable, OnModuleInit } from '@nestjs/common';
import { DEFAULT_VISION_PROFILE, profileKey } from '../assets/image-normalize';
import type {
  ClaimedItem,
  KindAttempt,
  PreparedRequest,
  ReaderWork,
} from '../collection/work-kinds';
import { WorkKinds } from '../collection/work-kinds';
import type { AiModelEntity } from '../models/model.entity';
import type { ContentPart } from '../rendering/prompt-render';
import { RenderingService } from '../rendering/rendering.service';
import { buildJudgeRequest } from './domain/judge-request';
import { judgeVerdict, Verdict } from './domain/judge-verdict';
import { JudgeContext, JudgeWorkRepository } from './judge-work.repository';

/** Rendered papers kept for this long: a judge run reads the same few papers thousands of times. */
const PAPER_CACHE_MS = 10 * 60_000;

/**
 * Judgements as work items of the collection runner (work-kinds.ts): preparing a judge's request
 * from what a marker receives, and storing its verdict (a score, or a failed judgement with a
 * code) as a judge read. Sending, slots, limits, retries, leases and the cache are the runner's.
 */
@Injectable()
export class JudgeWorkService implements ReaderWork, OnModuleInit {
  private readonly papers = new Map<
    string,
    { at: number; questions: Promise<Map<string, string | ContentPart[]>> }
  >();

  constructor(
    private readonly kinds: WorkKinds,
    private readonly repo: JudgeWorkRepository,
    private readonly rendering: RenderingService,
  ) {}

  onModuleInit() {
    this.kinds.register(this);
  }

  async prepare(
    items: ClaimedItem[],
    model: AiModelEntity,
  ): Promise<Map<string, PreparedRequest | Error>> {
    const units = new Map(
      (await this.repo.units(items.map((i) => i.id))).map((u) => [u.itemId, u]),
    );
    const out = new Map<string, PreparedRequest | Error>();
    for (const item of items) {
      const u = units.get(item.id);
      if (!u) {
        out.set(item.id, new Error(`judge item ${item.id} has no answer to read`));
        continue;
      }
      try {
        const question = (await this.renderedPaper(u.paperVersionId, model)).get(u.topQuestionId);
        if (!question) throw new Error(`question ${u.topQuestionId} is not rendered`);
        const request = buildJudgeRequest(
          {
            question,
            target: { number: u.number, isSubQuestion: u.isSubQuestion, maxPoints: u.maxPoints },
            referenceAnswer: u.referenceAnswer,
            rubric: u.rubric,
            answerText: u.answerText,
          },
          model.judgeOutput,
        );
        const context: JudgeContext = {
          templateVersion: request.templateVersion,
          rubricId: u.rubricId,
          rubric: u.rubric,
          maxPoints: u.maxPoints,
        };
        out.set(item.id, { ...request, context });
      } catch (e) {
        out.set(item.id, e as Error);
      }
    }
    return out;
  }

  async record(batch: KindAttempt[]): Promise<void> {
    const verdicts = new Map<KindAttempt, Verdict>();
    for (const e of batch)
      if (e.a.isSuccess)
        verdicts.set(e, this.verdictOf(e.context as JudgeContext, e.a.responseText ?? ''));
    await this.repo.record(batch, verdicts);
  }

  async completeFromCache(
    hits: { item: ClaimedItem; attemptId: string; context: unknown }[],
  ): Promise<void> {
    const texts = await this.repo.cachedOutputs(hits.map((h) => h.attemptId));
    await this.repo.completeFromCache(
      hits.map((h) => {
        const context = h.context as JudgeContext;
        return {
          item: h.item,
          attemptId: h.attemptId,
          hash: null,
          context,
          verdict: this.verdictOf(context, texts.get(h.attemptId) ?? ''),
        };
      }),
    );
  }

  async fail(item: ClaimedItem, context: unknown, error: string): Promise<void> {
    await this.repo.fail(
      {
        item,
        attemptId: null,
        hash: null,
        context: context as JudgeContext,
        verdict: {
          status: 'failed',
          code: 'judge.call_failed',
          params: { error: error.slice(0, 200) },
          rationale: null,
        },
      },
      error,
    );
  }

  private verdictOf(c: JudgeContext, text: string): Verdict {
    return judgeVerdict(text, c.rubric, c.maxPoints);
  }

  /** A paper's questions as the examinee saw them, in the judge's modality (images for a vision judge). */
  private renderedPaper(versionId: string, model: AiModelEntity) {
    const profile = model.imageProfile ?? DEFAULT_VISION_PROFILE;
    const key = `${versionId}|${model.modality}|${profileKey(profile)}`;
    let hit = this.papers.get(key);
    if (!hit || Date.now() - hit.at > PAPER_CACHE_MS) {
      const questions = this.rendering
        .renderPaper(versionId, model.modality, profile)
        .then(
          (r) =>
            new Map(
              r.questions.map((q) => [q.questionId, q.messages[q.messages.length - 1].content]),
            ),
        );
      questions.catch(() => this.papers.delete(key));
      this.papers.set(key, (hit = { at: Date.now(), questions }));
    }
    return hit.questions;
  }
}
