import { Injectable } from '@nestjs/common';
import type { AiModelEntity } from '../models/model.entity';
import type { ChatMessage } from '../rendering/prompt-render';
import type { AttemptRecord, ClaimedItem } from './work-items.repository';

// The item and attempt shapes a kind handles, so downstream kinds import only this file.
export type { AttemptRecord, ClaimedItem } from './work-items.repository';

/** A request ready to send for a work item that is not a plain answer (today: a judgement). */
export interface PreparedRequest {
  messages: ChatMessage[];
  templateVersion: string;
  /** Structured output (OpenAI-compatible `response_format`), or null. Part of the request hash. */
  responseFormat: object | null;
  /** What the kind needs again to store the result (for a judgement: the rubric it is checked against). */
  context: unknown;
}

export interface KindAttempt {
  item: ClaimedItem;
  attemptNumber: number;
  a: AttemptRecord;
  hash: string | null;
  context: unknown;
}

/**
 * Work items that read an answer (`target_response_id` set) instead of asking a question. The
 * runner sends them through the same slots, rate limits, retries, leases and attempt cache as
 * answers; only preparing the request and storing its result are the kind's own. Defined here and
 * implemented downstream (judging), so collection never imports what comes after it.
 */
export interface ReaderWork {
  /** Per item id: its request, or the error that keeps it from being prepared. */
  prepare(
    items: ClaimedItem[],
    model: AiModelEntity,
  ): Promise<Map<string, PreparedRequest | Error>>;
  /** Stores a batch of attempts and, for each success, its result, and completes the items (one transaction). */
  record(batch: KindAttempt[]): Promise<void>;
  /** Completes items from earlier identical requests (the cache): no request is sent. */
  completeFromCache(
    hits: { item: ClaimedItem; attemptId: string; context: unknown }[],
  ): Promise<void>;
  /** The item failed for good (retries spent): recorded as such. */
  fail(item: ClaimedItem, context: unknown, error: string): Promise<void>;
}

/** Where the reader kind registers itself at start-up (JudgingModule). */
@Injectable()
export class WorkKinds {
  reader: ReaderWork | null = null;

  register(w: ReaderWork) {
    this.reader = w;
  }
}
