import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AiModelEntity } from '../models/model.entity';
import { ItemPreparer, ReadyItem } from './item-preparer';
import { ItemSender } from './item-sender';
import { PgPoolLike, SlotLeases } from './slot-leases.repository';
import { WorkItemsRepository } from './work-items.repository';

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

/**
 * Sends the requests of running runs. Each model has `concurrency` request slots shared by all
 * processes (slot-leases.repository.ts). Every slot this process holds is a loop: take the next ready item,
 * send it, store the answer, repeat. Items are claimed, rendered and checked against the cache
 * ahead of the slots (item-preparer.ts), and answers are stored in group commits (item-sender.ts), so
 * between one request and the next a slot waits for nothing but the storing of its answer.
 */
@Injectable()
export class RunnerService {
  private readonly logger = new Logger(RunnerService.name);
  private readonly instanceId = randomUUID();
  private readonly lanes = new Map<string, Lane>();
  private readonly leases: SlotLeases;
  private timers: NodeJS.Timeout[] = [];
  private isTicking = false;
  private isWakeRequested = false;
  private isStopping = false;
  /** Set by startLoop: only a process whose loop runs looks for work (wake() is a no-op elsewhere). */
  private isLooping = false;
  private starting: Promise<void> | null = null;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly store: WorkItemsRepository,
    private readonly preparer: ItemPreparer,
    private readonly sender: ItemSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /**
   * Starts sending: listens for announced work, takes back orphaned items, polls and renews leases.
   * The worker (worker/worker.service.ts) calls it in a worker process; calling it twice starts once.
   */
  startLoop(): Promise<void> {
    this.starting ??= (async () => {
      this.isLooping = true;
      // Runs started elsewhere are announced on the slot connection; the poll is the fallback, and
      // finds items whose lease lapsed when their process died.
      await this.leases
        .start()
        .catch((e) => this.logger.error(`cannot listen for new work: ${(e as Error).message}`));
      // Holding our own holder lock now, we can tell which claims belong to processes that are gone.
      await this.reclaimOrphaned();
      this.timers.push(setInterval(() => this.wake(), 250));
      this.timers.push(
        setInterval(
          () => {
            void this.store
              .renewLeases(this.instanceId, this.config.collection.leaseSeconds)
              .catch(() => undefined);
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
    if (freed)
      this.logger.log(`took back ${freed} items claimed by worker processes that are gone`);
  }

  /**
   * The collection's part of shutdown, run by the worker before the database closes: no new
   * request is sent; requests on the wire get DRAIN_MS to finish and be stored; then the rest are
   * aborted and every item this process holds (cut off, or claimed ahead) goes back to the queue
   * at once rather than after its lease.
   */
  stopLoop(): Promise<void> {
    if (!this.starting) return Promise.resolve();
    this.draining ??= (async () => {
      this.isStopping = true;
      this.sender.stop();
      // A loop still starting would set its timers after they were cleared.
      await this.starting;
      this.timers.forEach(clearInterval);
      await this.sender.settle(DRAIN_MS);
      await Promise.allSettled([...this.lanes.values()].map((l) => l.refilling));
      await this.store
        .releaseAll(this.instanceId)
        .catch((e) => this.logger.warn(`items not handed back: ${(e as Error).message}`));
      await this.leases.stop();
    })();
    return this.draining;
  }

  /** Tells every worker process, this one included, that a run started or resumed. */
  async announce(): Promise<void> {
    await SlotLeases.announce(this.db).catch((e) =>
      this.logger.warn(`cannot announce new work: ${(e as Error).message}`),
    );
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
      const active = [...this.lanes.values()]
        .filter((l) => l.slots.size || l.ready.length)
        .map((l) => l.model.id);
      const { withWork, also } = await this.store.modelsWithWork(active);
      for (const model of also) this.lanes.get(model.id)!.model = model; // a lowered concurrency ends surplus slots
      // Items already claimed here need slots too: their slots may have gone with a lost connection.
      for (const model of [
        ...withWork,
        ...also.filter((m) => this.lanes.get(m.id)!.ready.length),
      ]) {
        let lane = this.lanes.get(model.id);
        if (lane) lane.model = model;
        else
          this.lanes.set(
            model.id,
            (lane = { model, slots: new Map(), ready: [], refilling: null }),
          );
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
        if (
          next.generation !== this.leases.generation &&
          !(await this.store.isClaimedBy(next.item.id, this.instanceId))
        )
          continue;
        await this.sender.process(next, lane.model);
      }
    } catch (e) {
      if (!this.isStopping)
        this.logger.error(
          `slot ${slot} of model ${lane.model.id} stopped: ${(e as Error).message}`,
        );
    } finally {
      if (lane.slots.get(slot) === loop) {
        lane.slots.delete(slot);
        await this.leases.release(lane.model.id, slot).catch(() => undefined);
      }
      if (!lane.slots.size && !this.isStopping)
        await this.store.finishCompletedRuns().catch(() => undefined);
    }
  }

  /** Claims more items for the lane (one claim at a time per lane); resolves to how many were claimed, 0 when none are left. */
  private refill(lane: Lane): Promise<number> {
    lane.refilling ??= this.claimAhead(lane).finally(() => (lane.refilling = null));
    return lane.refilling;
  }

  /** Claims up to two items per slot and prepares them; those answered from the cache are never sent. */
  private async claimAhead(lane: Lane): Promise<number> {
    const model = lane.model;
    const want = 2 * Math.max(lane.slots.size, 1) - lane.ready.length;
    if (want <= 0) return lane.ready.length;
    const generation = this.leases.generation;
    const items = await this.store.claim(
      model.id,
      this.instanceId,
      this.config.collection.leaseSeconds,
      want,
    );
    lane.ready.push(...(await this.preparer.prepare(items, model, generation)));
    return items.length;
  }
}
