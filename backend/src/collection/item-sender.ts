import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AiModelEntity } from '../models/model.entity';
import { decideRetry, ProviderClient, TokenBucket } from '../models/provider';
import { AttemptWriter } from './attempt-writer';
import { ReadyItem } from './item-preparer';
import { costOf, estimateTokens } from './request-hash';
import { AttemptRecord, ClaimedItem, WorkItemsRepository } from './work-items.repository';
import { KindAttempt, WorkKinds } from './work-kinds';

interface AttemptEntry {
  item: ClaimedItem;
  attemptNumber: number;
  a: AttemptRecord;
  /** Set for successes only: the batch writer keeps a cached request once per statement. */
  hash: string | null;
}

/**
 * One ready item's life on a slot: wait for the model's per-minute budget, check that its run
 * still runs, send, store the attempt, and retry, fail or stop as the policy and the run say.
 * Every attempt is stored before the next; answers are stored in group commits (attempt-writer.ts).
 */
@Injectable()
export class ItemSender {
  private readonly logger = new Logger(ItemSender.name);
  private readonly inFlight = new Map<string, AbortController>();
  /** The items being processed (sent, retried, stored), for shutdown to wait on. */
  private readonly processing = new Set<Promise<void>>();
  /** Aborted at shutdown: ends rate-limit and back-off waits at once (a request on the wire is given time to finish). */
  private readonly stopping = new AbortController();
  private readonly buckets = new Map<
    string,
    { rpm: TokenBucket | null; tpm: TokenBucket | null }
  >();
  private readonly statuses = new Map<string, { at: number; status: Promise<string> }>();
  /**
   * Reader requests on the wire here, by request hash. Identical answers (a class's short answers)
   * make identical judge requests: one is sent, the others wait for it and are completed from the
   * cache, so even within one run the same request is paid for once.
   */
  private readonly readerSending = new Map<string, Promise<void>>();
  /** Reader requests this process sent lately: a twin checked against the cache before that one was stored looks again. */
  private readonly readerSent = new Set<string>();
  private readonly writer = new AttemptWriter<AttemptEntry>((batch) =>
    this.store.recordAttempts(batch),
  );
  /** Reader items (judgements) are stored by their kind, in group commits of their own. */
  private readonly readerWriter = new AttemptWriter<KindAttempt>((batch) =>
    this.reader().record(batch),
  );

  constructor(
    private readonly store: WorkItemsRepository,
    private readonly provider: ProviderClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly kinds: WorkKinds,
  ) {}

  private get isStopping() {
    return this.stopping.signal.aborted;
  }

  /** Sends the item until it succeeds, fails for good, or its run stops. Never rejects: a failure is logged and the item released. */
  process(r: ReadyItem, model: AiModelEntity): Promise<void> {
    const p =
      r.item.targetResponseId !== null ? this.processReader(r, model) : this.processOne(r, model);
    this.processing.add(p);
    void p.finally(() => this.processing.delete(p));
    return p;
  }

  /** No new attempt from now on; rate-limit and back-off waits end at once. */
  stop() {
    this.stopping.abort();
  }

  /** Lets the items being processed finish for up to `graceMs`, then aborts the requests still on the wire and waits for them. */
  async settle(graceMs: number) {
    const timeout = new AbortController();
    const settled = Promise.allSettled([...this.processing]);
    await Promise.race([
      settled,
      sleep(graceMs, undefined, { signal: timeout.signal }).catch(() => undefined),
    ]);
    timeout.abort();
    for (const ac of this.inFlight.values()) ac.abort();
    await Promise.allSettled([...this.processing]);
  }

  /** A reader item whose identical request is on the wire waits for it, then takes its stored result. */
  private async processReader(r: ReadyItem, model: AiModelEntity) {
    const same = this.readerSending.get(r.hash);
    if (same || this.readerSent.has(r.hash)) {
      await same;
      const [hit] = await this.store.cachedSuccesses([r.hash]).catch(() => []);
      if (hit) {
        await this.reader()
          .completeFromCache([{ item: r.item, attemptId: hit.id, context: r.context }])
          .catch(async (e: Error) => {
            this.logger.error(`work item ${r.item.id} not completed from the cache: ${e.message}`);
            await this.store.release(r.item.id).catch(() => undefined);
          });
        return;
      }
    }
    const p = this.processOne(r, model);
    this.readerSending.set(r.hash, p);
    try {
      await p;
    } finally {
      if (this.readerSending.get(r.hash) === p) this.readerSending.delete(r.hash);
      this.readerSent.add(r.hash);
      // Bounded: the oldest go first (a Set iterates in insertion order).
      if (this.readerSent.size > 20_000)
        this.readerSent.delete(this.readerSent.values().next().value!);
    }
  }

  private async processOne(r: ReadyItem, model: AiModelEntity) {
    const ac = new AbortController();
    this.inFlight.set(r.item.id, ac);
    try {
      await this.send(r, model, ac.signal);
    } catch (e) {
      if (!this.isStopping) {
        this.logger.error(`work item ${r.item.id} failed unexpectedly: ${(e as Error).message}`);
        await this.store.release(r.item.id).catch(() => undefined);
      }
    } finally {
      this.inFlight.delete(r.item.id);
    }
  }

  private async send(
    { item, prompt, hash, context }: ReadyItem,
    model: AiModelEntity,
    signal: AbortSignal,
  ) {
    const c = this.config.collection;
    for (let attempt = item.attemptsCount + 1; ; attempt++) {
      await this.waitForBudget(
        model,
        estimateTokens(prompt.messages, model.params.max_tokens ?? 2048),
        signal,
      );
      // Shutting down: no new attempt; the item goes back to the queue with the others this process holds.
      if (this.isStopping) return;
      // Checked after the rate-limit wait, which can be long: a run paused meanwhile sends nothing more.
      const status = await this.runStatus(item.runId);
      if (status !== 'running') return this.store.stopItem(item.id, status);
      if (signal.aborted) return;
      const startedAt = new Date();
      const apiKey = model.apiKeyEnv ? (process.env[model.apiKeyEnv] ?? null) : null;
      const r = await this.provider.send(
        {
          baseUrl: model.baseUrl,
          modelId: model.modelId,
          apiKey,
          params: model.params,
          timeoutMs: c.timeoutMs,
          responseFormat: prompt.responseFormat,
        },
        prompt.messages,
        signal,
      );
      if (signal.aborted) return;
      const base = { requestHash: hash, templateVersion: prompt.templateVersion, startedAt };
      const entry = {
        item,
        attemptNumber: attempt,
        hash: r.ok ? hash : null,
        a: r.ok
          ? {
              ...base,
              isSuccess: true,
              responseText: r.text,
              reasoningText: r.reasoning,
              finishReason: r.finishReason,
              tokensIn: r.tokensIn,
              tokensOut: r.tokensOut,
              latencyMs: r.latencyMs,
              httpStatus: r.status,
              cost: costOf(
                r.tokensIn,
                r.tokensOut,
                model.priceInputPerMtok,
                model.priceOutputPerMtok,
              ),
            }
          : {
              ...base,
              isSuccess: false,
              error: r.message,
              httpStatus: r.status,
              latencyMs: r.latencyMs,
            },
      };
      if (item.targetResponseId !== null) await this.readerWriter.record({ ...entry, context });
      else await this.writer.record(entry);
      if (r.ok) return;
      const decision = decideRetry(r, attempt, {
        maxAttempts: c.maxAttempts,
        baseDelayMs: c.backoffBaseMs,
        maxDelayMs: c.backoffMaxMs,
      });
      if (!decision.retry) {
        const error = `${r.status ?? 'network'}: ${r.message}`;
        return item.targetResponseId !== null
          ? this.reader().fail(item, context, error)
          : this.store.fail(item, error);
      }
      await sleep(decision.delayMs, undefined, {
        signal: AbortSignal.any([signal, this.stopping.signal]),
      }).catch(() => undefined);
      if (signal.aborted || this.isStopping) return;
    }
  }

  private reader() {
    if (!this.kinds.reader)
      throw new Error('no reader kind registered (the judging module is not loaded)');
    return this.kinds.reader;
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
      await sleep(wait, undefined, {
        signal: AbortSignal.any([signal, this.stopping.signal]),
      }).catch(() => undefined);
      if (signal.aborted || this.isStopping) return;
    }
    b.rpm?.take(1);
    b.tpm?.take(estimatedTokens);
  }
}
