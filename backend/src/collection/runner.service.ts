import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { DEFAULT_VISION_PROFILE, profileKey } from '../assets/image-normalize';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AiModelEntity } from '../models/model.entity';
import { ModelPrompt } from '../rendering/prompt-render';
import { RenderingService } from '../rendering/rendering.service';
import { sendChat } from './provider-client';
import { TokenBucket } from './rate-limit';
import { costOf, estimateTokens, requestHash } from './request-hash';
import { decideRetry } from './retry-policy';
import { WorkStore, ClaimedItem } from './work-store';

/**
 * Sends the requests of running runs. Each model keeps `concurrency` requests in flight (counted
 * across all processes, under an advisory lock), paced by its RPM/TPM buckets. A finished
 * request immediately frees its slot for the next one, so the configured concurrency stays full.
 */
@Injectable()
export class RunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunnerService.name);
  private readonly instanceId = randomUUID();
  private readonly inFlight = new Map<string, AbortController>();
  private readonly buckets = new Map<string, { rpm: TokenBucket | null; tpm: TokenBucket | null }>();
  private readonly papers = new Map<string, Promise<Map<string, ModelPrompt>>>();
  private readonly statuses = new Map<string, { at: number; status: Promise<string> }>();
  private readonly models = new Map<string, AiModelEntity>();
  private readonly filling = new Map<string, { isAgain: boolean }>();
  private timers: NodeJS.Timeout[] = [];
  private isTicking = false;
  private isWakeRequested = false;
  private isStopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly store: WorkStore,
    private readonly rendering: RenderingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.collection.isWorker) return;
    // Another process (the API server) may start a run: look for new work four times a second.
    this.timers.push(setInterval(() => this.wake(), 250));
    this.timers.push(
      setInterval(
        () => void this.store.renewLeases(this.instanceId, this.config.collection.leaseSeconds),
        (this.config.collection.leaseSeconds * 1000) / 3,
      ),
    );
    this.wake();
  }

  async onApplicationShutdown() {
    this.isStopping = true;
    this.timers.forEach(clearInterval);
    for (const ac of this.inFlight.values()) ac.abort();
    // Requests cut off by the shutdown go back to the queue at once rather than after their lease.
    await this.store.releaseAll(this.instanceId).catch(() => undefined);
  }

  /** Look for work now (after a run starts or resumes). A process that is not a worker only serves the API. */
  wake(): void {
    if (this.isStopping || !this.config.collection.isWorker) return;
    if (this.isTicking) {
      this.isWakeRequested = true;
      return;
    }
    this.isTicking = true;
    void this.tick().finally(() => {
      this.isTicking = false;
      if (this.isWakeRequested) {
        this.isWakeRequested = false;
        this.wake();
      }
    });
  }

  private async tick() {
    try {
      for (const model of await this.store.modelsWithWork()) {
        this.models.set(model.id, model);
        await this.fill(model);
      }
      await this.store.finishCompletedRuns();
    } catch (e) {
      if (!this.isStopping) this.logger.error(`runner tick failed: ${(e as Error).message}`);
    }
  }

  /**
   * Claims work for free slots. Calls that arrive while a claim for the model is running are
   * folded into one more claim after it, so many requests finishing together cost one batched
   * claim instead of a queue of single ones behind the model's advisory lock.
   */
  private async fill(model: AiModelEntity) {
    const state = this.filling.get(model.id);
    if (state) {
      state.isAgain = true;
      return;
    }
    const mine = { isAgain: true };
    this.filling.set(model.id, mine);
    try {
      while (mine.isAgain && !this.isStopping) {
        mine.isAgain = false;
        const items = await this.store.claim(model, this.instanceId, this.config.collection.leaseSeconds);
        for (const item of items) void this.process(item, model);
      }
    } finally {
      this.filling.delete(model.id);
    }
  }

  private async process(item: ClaimedItem, model: AiModelEntity) {
    const ac = new AbortController();
    this.inFlight.set(item.id, ac);
    let next: ClaimedItem | null = null;
    try {
      next = await this.handle(item, model, ac.signal);
    } catch (e) {
      if (!this.isStopping) {
        this.logger.error(`work item ${item.id} failed unexpectedly: ${(e as Error).message}`);
        await this.store.release(item.id);
      }
    } finally {
      this.inFlight.delete(item.id);
      // The slot was handed to the model's next item, or is freed for a claim; the periodic tick finds new runs.
      // The model is re-read each tick, so a lowered concurrency ends surplus slots here.
      const latest = this.models.get(model.id) ?? model;
      if (this.isStopping) {
        if (next) await this.store.release(next.id);
      } else if (next) void this.process(next, latest);
      else void this.fill(latest).catch((e) => this.logger.error(`refill failed: ${(e as Error).message}`));
    }
  }

  /** Sends one item's request (or serves it from the cache); returns the item the slot was handed to, if any. */
  private async handle(item: ClaimedItem, model: AiModelEntity, signal: AbortSignal): Promise<ClaimedItem | null> {
    const prompt = await this.promptFor(item, model);
    const hash = requestHash({
      baseUrl: model.baseUrl,
      modelId: model.modelId,
      params: model.params,
      messages: prompt.messages,
      sampleIndex: item.sampleIndex,
    });
    // The attempt table is the cache: a request that already succeeded is never sent again.
    const cached = await this.store.findSuccess(hash);
    if (cached) {
      await this.store.completeFromCache(item, cached.id, cached.responseText ?? '', cached.reasoningText, cached.finishReason, hash);
      return null;
    }
    const c = this.config.collection;
    for (let attempt = item.attemptsCount + 1; ; attempt++) {
      await this.waitForBudget(model, estimateTokens(prompt.messages, model.params.max_tokens ?? 2048), signal);
      // Checked after the rate-limit wait, which can be long: a run paused meanwhile sends nothing more.
      const status = await this.runStatus(item.runId);
      if (status !== 'running') {
        await this.store.stopItem(item.id, status);
        return null;
      }
      const startedAt = new Date();
      const apiKey = model.apiKeyEnv ? (process.env[model.apiKeyEnv] ?? null) : null;
      const r = await sendChat(
        { baseUrl: model.baseUrl, modelId: model.modelId, apiKey, params: model.params, timeoutMs: c.timeoutMs },
        prompt.messages,
        signal,
      );
      if (signal.aborted) return null;
      const next = await this.store.recordAttempt(
        item,
        attempt,
        {
          requestHash: hash,
          templateVersion: prompt.templateVersion,
          startedAt,
          ...(r.ok
            ? {
                isSuccess: true,
                responseText: r.text,
                reasoningText: r.reasoning,
                finishReason: r.finishReason,
                tokensIn: r.tokensIn,
                tokensOut: r.tokensOut,
                latencyMs: r.latencyMs,
                httpStatus: r.status,
                cost: costOf(r.tokensIn, r.tokensOut, model.priceInputPerMtok, model.priceOutputPerMtok),
              }
            : { isSuccess: false, error: r.message, httpStatus: r.status, latencyMs: r.latencyMs }),
        },
        { concurrency: model.concurrency, instanceId: this.instanceId, leaseSeconds: c.leaseSeconds },
      );
      if (r.ok) return next;
      const decision = decideRetry(r, attempt, { maxAttempts: c.maxAttempts, baseDelayMs: c.backoffBaseMs, maxDelayMs: c.backoffMaxMs });
      if (!decision.retry) {
        await this.store.fail(item, `${r.status ?? 'network'}: ${r.message}`);
        return null;
      }
      await sleep(decision.delayMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return null;
    }
  }

  /** Run status, re-read at most every 250 ms: pausing takes effect within that, without a query per request. */
  private runStatus(runId: string): Promise<string> {
    const hit = this.statuses.get(runId);
    if (hit && Date.now() - hit.at < 250) return hit.status;
    const status = this.store.runStatus(runId);
    this.statuses.set(runId, { at: Date.now(), status });
    return status;
  }

  private async waitForBudget(model: AiModelEntity, estimatedTokens: number, signal: AbortSignal) {
    let b = this.buckets.get(model.id);
    if (!b)
      this.buckets.set(
        model.id,
        (b = {
          rpm: model.rpmLimit ? new TokenBucket(model.rpmLimit) : null,
          tpm: model.tpmLimit ? new TokenBucket(model.tpmLimit) : null,
        }),
      );
    for (;;) {
      const wait = Math.max(b.rpm?.delayFor(1) ?? 0, b.tpm?.delayFor(estimatedTokens) ?? 0);
      if (wait === 0) break;
      await sleep(wait, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
    }
    b.rpm?.take(1);
    b.tpm?.take(estimatedTokens);
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
    if (!prompt) throw new Error(`question ${item.questionId} is not a top-level question of paper ${item.paperVersionId}`);
    return prompt;
  }
}
