import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { DEFAULT_VISION_PROFILE, profileKey } from '../assets/image-normalize';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AiModelEntity } from '../models/model.entity';
import { ModelPrompt } from '../rendering/prompt-render';
import { RenderingService } from '../rendering/rendering.service';
import { AttemptWriter } from './attempt-writer';
import { decideRetry, sendChat, TokenBucket } from '../models/provider';
import { costOf, estimateTokens, requestHash } from './request-hash';
import { PgPoolLike, SlotLeases } from './slot-leases';
import { KindAttempt, WorkKinds } from './work-kinds';
import { AttemptRecord, ClaimedItem, WorkStore } from './work-store';

/** What a ready item sends: an answer's rendered question, or a reader item's prepared request. */
interface OutgoingRequest {
  messages: ModelPrompt['messages'];
  templateVersion: string;
  responseFormat: object | null;
}

/** A claimed item made ready to send: its prompt rendered, its request hash known and not in the cache. */
interface ReadyItem {
  item: ClaimedItem;
  prompt: OutgoingRequest;
  hash: string;
  /** A reader item's context for storing its result (work-kinds.ts); undefined for answers. */
  context?: unknown;
  /** The slot connection it was claimed under (SlotLeases.generation). */
  generation: number;
}

/**
 * How long shutdown lets requests already sent finish, so their answers are stored rather than
 * paid for and asked again: under the 10 s that docker and systemd allow before SIGKILL.
 */
const DRAIN_MS = 8000;

/** One model's work in this process: the slots it holds and the items claimed ahead of them. */
interface Lane {
  model: AiModelEntity;
  /** Slot number → the loop running it. A loop whose entry was replaced (its slot lost and taken again) ends. */
  slots: Map<number, object>;
  ready: ReadyItem[];
  refilling: Promise<number> | null;
}

interface AttemptEntry {
  item: ClaimedItem;
  attemptNumber: number;
  a: AttemptRecord;
  /** Set for successes only: the batch writer keeps a cached request once per statement. */
  hash: string | null;
}

/**
 * Sends the requests of running runs. Each model has `concurrency` request slots shared by all
 * processes (slot-leases.ts). Every slot this process holds is a loop: take the next ready item,
 * send it, store the answer, repeat. Items are claimed, rendered and checked against the cache
 * ahead of the slots, and answers are stored in group commits (attempt-writer.ts), so between one
 * request and the next a slot waits for nothing but the storing of its answer.
 */
@Injectable()
export class RunnerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunnerService.name);
  private readonly instanceId = randomUUID();
  private readonly inFlight = new Map<string, AbortController>();
  /** The items being processed (sent, retried, stored), for shutdown to wait on. */
  private readonly processing = new Set<Promise<void>>();
  /** Aborted at shutdown: ends rate-limit and back-off waits at once (a request on the wire is given DRAIN_MS). */
  private readonly stopping = new AbortController();
  private draining: Promise<void> | null = null;
  private readonly buckets = new Map<string, { rpm: TokenBucket | null; tpm: TokenBucket | null }>();
  private readonly papers = new Map<string, Promise<Map<string, ModelPrompt>>>();
  private readonly statuses = new Map<string, { at: number; status: Promise<string> }>();
  private readonly lanes = new Map<string, Lane>();
  /**
   * Reader requests on the wire here, by request hash. Identical answers (a class's short answers)
   * make identical judge requests: one is sent, the others wait for it and are completed from the
   * cache, so even within one run the same request is paid for once.
   */
  private readonly readerSending = new Map<string, Promise<void>>();
  /** Reader requests this process sent lately: a twin checked against the cache before that one was stored looks again. */
  private readonly readerSent = new Set<string>();
  private readonly writer = new AttemptWriter<AttemptEntry>((batch) => this.store.recordAttempts(batch));
  /** Reader items (judgements) are stored by their kind, in group commits of their own. */
  private readonly readerWriter = new AttemptWriter<KindAttempt>((batch) => this.reader().record(batch));
  private readonly leases: SlotLeases;
  private timers: NodeJS.Timeout[] = [];
  private isTicking = false;
  private isWakeRequested = false;
  private isStopping = false;
  /** Set by startLoop: only a process whose loop runs looks for work (wake() is a no-op elsewhere). */
  private isLooping = false;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly store: WorkStore,
    private readonly rendering: RenderingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly kinds: WorkKinds,
  ) {
    this.leases = new SlotLeases(
      (db.driver as unknown as { master: PgPoolLike }).master,
      () => this.wake(),
      (e) => {
        // PostgreSQL has freed them: each loop ends after its current request, and the next tick takes slots anew.
        this.lanes.forEach((l) => l.slots.clear());
        if (!this.isStopping) this.logger.warn(`slot connection lost, slots freed: ${e.message}`);
      },
      this.instanceId,
    );
  }

  /** A worker process starts its loop with the app; any other process only serves the API. */
  async onApplicationBootstrap() {
    if (this.config.collection.isWorker) await this.startLoop();
  }

  /**
   * Starts sending: listens for announced work, takes back orphaned items, polls and renews leases.
   * Public so that a worker module can start the schedule explicitly; calling it twice starts once.
   */
  startLoop(): Promise<void> {
    this.starting ??= (async () => {
      this.isLooping = true;
      // Runs started elsewhere are announced on the slot connection; the poll is the fallback, and
      // finds items whose lease lapsed when their process died.
      await this.leases.start().catch((e) => this.logger.error(`cannot listen for new work: ${(e as Error).message}`));
      // Holding our own holder lock now, we can tell which claims belong to processes that are gone.
      await this.reclaimOrphaned();
      this.timers.push(setInterval(() => this.wake(), 250));
      this.timers.push(
        setInterval(
          () => {
            void this.store.renewLeases(this.instanceId, this.config.collection.leaseSeconds).catch(() => undefined);
            void this.reclaimOrphaned();
          },
          (this.config.collection.leaseSeconds * 1000) / 3,
        ),
      );
      this.wake();
    })();
    return this.starting;
  }

  private async reclaimOrphaned() {
    const freed = await this.store.reclaimOrphaned(this.instanceId).catch(() => 0);
    if (freed) this.logger.log(`took back ${freed} items claimed by worker processes that are gone`);
  }

  /** Runs before the database closes (Nest calls every other module's shutdown hook after this one). */
  async beforeApplicationShutdown() {
    await this.stopLoop();
  }

  /**
   * The collection's part of shutdown: no new request is sent; requests on the wire get DRAIN_MS
   * to finish and be stored; then the rest are aborted and every item this process holds (cut
   * off, or claimed ahead) goes back to the queue at once rather than after its lease.
   */
  stopLoop(): Promise<void> {
    if (!this.starting) return Promise.resolve();
    this.draining ??= (async () => {
      this.isStopping = true;
      this.stopping.abort();
      // A loop still starting would set its timers after they were cleared.
      await this.starting;
      this.timers.forEach(clearInterval);
      const timeout = new AbortController();
      const settled = Promise.allSettled([...this.processing]);
      await Promise.race([settled, sleep(DRAIN_MS, undefined, { signal: timeout.signal }).catch(() => undefined)]);
      timeout.abort();
      for (const ac of this.inFlight.values()) ac.abort();
      await Promise.allSettled([...this.processing, ...[...this.lanes.values()].map((l) => l.refilling)]);
      await this.store.releaseAll(this.instanceId).catch((e) => this.logger.warn(`items not handed back: ${(e as Error).message}`));
      await this.leases.stop();
    })();
    return this.draining;
  }

  /** The name main.ts's ordered shutdown calls (stopLoop under its older name). */
  drain(): Promise<void> {
    return this.stopLoop();
  }

  /** Tells every worker process, this one included, that a run started or resumed. */
  async announce(): Promise<void> {
    await SlotLeases.announce(this.db).catch((e) => this.logger.warn(`cannot announce new work: ${(e as Error).message}`));
    this.wake();
  }

  /** Look for work now. A process whose loop is not started (not a worker) only serves the API. */
  wake(): void {
    if (this.isStopping || !this.isLooping) return;
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
      const active = [...this.lanes.values()].filter((l) => l.slots.size || l.ready.length).map((l) => l.model.id);
      const { withWork, also } = await this.store.modelsWithWork(active);
      for (const model of also) this.lanes.get(model.id)!.model = model; // a lowered concurrency ends surplus slots
      // Items already claimed here need slots too: their slots may have gone with a lost connection.
      for (const model of [...withWork, ...also.filter((m) => this.lanes.get(m.id)!.ready.length)]) {
        let lane = this.lanes.get(model.id);
        if (lane) lane.model = model;
        else this.lanes.set(model.id, (lane = { model, slots: new Map(), ready: [], refilling: null }));
        // All new slots join the lane before any starts, so the first claim is sized for all of them.
        const taken = await this.leases.acquire(model.id, model.concurrency);
        const loops = taken.map((slot) => ({ slot, loop: {} }));
        loops.forEach(({ slot, loop }) => lane.slots.set(slot, loop));
        for (const { slot, loop } of loops) void this.slot(lane, slot, loop);
      }
      await this.store.finishCompletedRuns();
    } catch (e) {
      if (!this.isStopping) this.logger.error(`runner tick failed: ${(e as Error).message}`);
    }
  }

  /** One request slot: sends the model's ready items one after another until there are none or the slot is surplus. */
  private async slot(lane: Lane, slot: number, loop: object) {
    const isMine = () => lane.slots.get(slot) === loop && this.leases.holds(lane.model.id, slot);
    try {
      while (!this.isStopping && slot < lane.model.concurrency && isMine()) {
        let next = lane.ready.shift();
        while (!next) {
          const claimed = await this.refill(lane);
          next = lane.ready.shift();
          if (!next && !claimed) break;
        }
        if (!next || this.isStopping) {
          if (next) await this.store.release(next.item.id);
          break;
        }
        // Keep one item ready per slot behind this one, so no slot ever waits for a claim.
        if (lane.ready.length < lane.slots.size) void this.refill(lane);
        // Claimed before the slot connection was lost: another worker may have taken it back meanwhile.
        if (next.generation !== this.leases.generation && !(await this.store.isClaimedBy(next.item.id, this.instanceId))) continue;
        await this.process(next, lane.model);
      }
    } catch (e) {
      if (!this.isStopping) this.logger.error(`slot ${slot} of model ${lane.model.id} stopped: ${(e as Error).message}`);
    } finally {
      if (lane.slots.get(slot) === loop) {
        lane.slots.delete(slot);
        await this.leases.release(lane.model.id, slot).catch(() => undefined);
      }
      if (!lane.slots.size && !this.isStopping) await this.store.finishCompletedRuns().catch(() => undefined);
    }
  }

  /** Claims more items for the lane (one claim at a time per lane); resolves to how many were claimed, 0 when none are left. */
  private refill(lane: Lane): Promise<number> {
    lane.refilling ??= this.claimAhead(lane).finally(() => (lane.refilling = null));
    return lane.refilling;
  }

  /**
   * Claims up to two items per slot, renders them and looks their requests up in the attempt
   * table, which is the cache: an item whose identical request already succeeded is completed
   * from the stored answer and never sent.
   */
  private async claimAhead(lane: Lane): Promise<number> {
    const model = lane.model;
    const want = 2 * Math.max(lane.slots.size, 1) - lane.ready.length;
    if (want <= 0) return lane.ready.length;
    const generation = this.leases.generation;
    const items = await this.store.claim(model.id, this.instanceId, this.config.collection.leaseSeconds, want);
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
          ...(item.targetResponseId !== null ? { responseFormat: prompt.responseFormat, templateVersion: prompt.templateVersion } : {}),
        });
        ready.push({ item, prompt, hash, generation, context });
      } catch (e) {
        this.logger.error(`work item ${item.id} cannot be prepared: ${(e as Error).message}`);
        await this.store.release(item.id);
      }
    }
    const cached = new Map(ready.length ? (await this.store.cachedSuccesses(ready.map((r) => r.hash))).map((c) => [c.hash, c.id]) : []);
    const hits: { itemId: string; attemptId: string }[] = [];
    const readerHits: { item: ClaimedItem; attemptId: string; context: unknown }[] = [];
    for (const r of ready) {
      const attemptId = cached.get(r.hash);
      if (!attemptId) lane.ready.push(r);
      else if (r.item.targetResponseId !== null) readerHits.push({ item: r.item, attemptId, context: r.context });
      else hits.push({ itemId: r.item.id, attemptId });
    }
    if (hits.length) await this.store.completeFromCache(hits);
    if (readerHits.length) await this.reader().completeFromCache(readerHits);
    return items.length;
  }

  private process(r: ReadyItem, model: AiModelEntity): Promise<void> {
    const p = r.item.targetResponseId !== null ? this.processReader(r, model) : this.processOne(r, model);
    this.processing.add(p);
    void p.finally(() => this.processing.delete(p));
    return p;
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
      if (this.readerSent.size > 20_000) this.readerSent.delete(this.readerSent.values().next().value!);
    }
  }

  /** Never rejects: a failure is logged and the item released. */
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

  /** Sends one item's request until it succeeds, fails for good, or its run stops; every attempt is stored before the next. */
  private async send({ item, prompt, hash, context }: ReadyItem, model: AiModelEntity, signal: AbortSignal) {
    const c = this.config.collection;
    for (let attempt = item.attemptsCount + 1; ; attempt++) {
      await this.waitForBudget(model, estimateTokens(prompt.messages, model.params.max_tokens ?? 2048), signal);
      // Shutting down: no new attempt; the item goes back to the queue with the others this process holds.
      if (this.isStopping) return;
      // Checked after the rate-limit wait, which can be long: a run paused meanwhile sends nothing more.
      const status = await this.runStatus(item.runId);
      if (status !== 'running') return this.store.stopItem(item.id, status);
      if (signal.aborted) return;
      const startedAt = new Date();
      const apiKey = model.apiKeyEnv ? (process.env[model.apiKeyEnv] ?? null) : null;
      const r = await sendChat(
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
              cost: costOf(r.tokensIn, r.tokensOut, model.priceInputPerMtok, model.priceOutputPerMtok),
            }
          : { ...base, isSuccess: false, error: r.message, httpStatus: r.status, latencyMs: r.latencyMs },
      };
      if (item.targetResponseId !== null) await this.readerWriter.record({ ...entry, context });
      else await this.writer.record(entry);
      if (r.ok) return;
      const decision = decideRetry(r, attempt, { maxAttempts: c.maxAttempts, baseDelayMs: c.backoffBaseMs, maxDelayMs: c.backoffMaxMs });
      if (!decision.retry) {
        const error = `${r.status ?? 'network'}: ${r.message}`;
        return item.targetResponseId !== null ? this.reader().fail(item, context, error) : this.store.fail(item, error);
      }
      await sleep(decision.delayMs, undefined, { signal: AbortSignal.any([signal, this.stopping.signal]) }).catch(() => undefined);
      if (signal.aborted || this.isStopping) return;
    }
  }

  private reader() {
    if (!this.kinds.reader) throw new Error('no reader kind registered (the judging module is not loaded)');
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
      await sleep(wait, undefined, { signal: AbortSignal.any([signal, this.stopping.signal]) }).catch(() => undefined);
      if (signal.aborted || this.isStopping) return;
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
