import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_VISION_PROFILE, profileKey } from '../assets/image-normalize';
import { AiModelEntity } from '../models/model.entity';
import { ModelPrompt } from '../rendering/prompt-render';
import { RenderingService } from '../rendering/rendering.service';
import { requestHash } from './request-hash';
import { ClaimedItem, WorkItemsRepository } from './work-items.repository';
import { WorkKinds } from './work-kinds';

/** What a ready item sends: an answer's rendered question, or a reader item's prepared request. */
export interface OutgoingRequest {
  messages: ModelPrompt['messages'];
  templateVersion: string;
  responseFormat: object | null;
}

/** A claimed item made ready to send: its prompt rendered, its request hash known and not in the cache. */
export interface ReadyItem {
  item: ClaimedItem;
  prompt: OutgoingRequest;
  hash: string;
  /** A reader item's context for storing its result (work-kinds.ts); undefined for answers. */
  context?: unknown;
  /** The slot connection it was claimed under (SlotLeases.generation). */
  generation: number;
}

/**
 * Turns claimed items into requests: renders an answer item's question (a reader item is prepared
 * by its kind), hashes the request and looks it up in the attempt table, which is the cache: an
 * item whose identical request already succeeded is completed from the stored answer and never sent.
 */
@Injectable()
export class ItemPreparer {
  private readonly logger = new Logger(ItemPreparer.name);
  private readonly papers = new Map<string, Promise<Map<string, ModelPrompt>>>();

  constructor(
    private readonly store: WorkItemsRepository,
    private readonly rendering: RenderingService,
    private readonly kinds: WorkKinds,
  ) {}

  /** The items still to send, in claim order; the others were completed from the cache or released (they cannot be prepared). */
  async prepare(
    items: ClaimedItem[],
    model: AiModelEntity,
    generation: number,
  ): Promise<ReadyItem[]> {
    const ready: ReadyItem[] = [];
    const readerItems = items.filter((i) => i.targetResponseId !== null);
    const prepared = readerItems.length
      ? await this.reader()
          .prepare(readerItems, model)
          .catch((e: Error) => new Map(readerItems.map((i) => [i.id, e])))
      : new Map<string, Error>();
    for (const item of items) {
      try {
        let prompt: OutgoingRequest;
        let context: unknown;
        if (item.targetResponseId !== null) {
          const p = prepared.get(item.id) ?? new Error('not prepared');
          if (p instanceof Error) throw p;
          ({ context, ...prompt } = p);
        } else {
          prompt = { ...(await this.promptFor(item, model)), responseFormat: null };
        }
        const hash = requestHash({
          baseUrl: model.baseUrl,
          modelId: model.modelId,
          params: model.params,
          messages: prompt.messages,
          sampleIndex: item.sampleIndex,
          // Only reader items carry these keys: answers' hashes (and so their cache) are unchanged.
          ...(item.targetResponseId !== null
            ? { responseFormat: prompt.responseFormat, templateVersion: prompt.templateVersion }
            : {}),
        });
        ready.push({ item, prompt, hash, generation, context });
      } catch (e) {
        this.logger.error(`work item ${item.id} cannot be prepared: ${(e as Error).message}`);
        await this.store.release(item.id);
      }
    }
    const cached = new Map(
      ready.length
        ? (await this.store.cachedSuccesses(ready.map((r) => r.hash))).map((c) => [c.hash, c.id])
        : [],
    );
    const toSend: ReadyItem[] = [];
    const hits: { itemId: string; attemptId: string }[] = [];
    const readerHits: { item: ClaimedItem; attemptId: string; context: unknown }[] = [];
    for (const r of ready) {
      const attemptId = cached.get(r.hash);
      if (!attemptId) toSend.push(r);
      else if (r.item.targetResponseId !== null)
        readerHits.push({ item: r.item, attemptId, context: r.context });
      else hits.push({ itemId: r.item.id, attemptId });
    }
    if (hits.length) await this.store.completeFromCache(hits);
    if (readerHits.length) await this.reader().completeFromCache(readerHits);
    return toSend;
  }

  private reader() {
    if (!this.kinds.reader)
      throw new Error('no reader kind registered (the judging module is not loaded)');
    return this.kinds.reader;
  }

  /** Each paper is rendered once per (modality, image profile) by the same renderer people see. */
  private async promptFor(item: ClaimedItem, model: AiModelEntity): Promise<ModelPrompt> {
    const profile = model.imageProfile ?? DEFAULT_VISION_PROFILE;
    const key = `${item.paperVersionId}|${model.modality}|${profileKey(profile)}`;
    let paper = this.papers.get(key);
    if (!paper) {
      paper = this.rendering
        .renderPaper(item.paperVersionId, model.modality, profile)
        .then((r) => new Map(r.questions.map((q) => [q.questionId, q])));
      paper.catch(() => this.papers.delete(key));
      this.papers.set(key, paper);
    }
    const prompt = (await paper).get(item.questionId);
    if (!prompt)
      throw new Error(
        `question ${item.questionId} is not a top-level question of paper ${item.paperVersionId}`,
      );
    return prompt;
  }
}
