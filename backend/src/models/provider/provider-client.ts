import { Injectable } from '@nestjs/common';
import OpenAI from 'openai';
import type { ChatMessage } from '../../rendering/prompt-render';
import { nodeFetch } from './node-fetch';

export interface ProviderTarget {
  baseUrl: string | null;
  modelId: string;
  apiKey: string | null;
  params: { temperature?: number; top_p?: number; max_tokens?: number; seed?: number };
  timeoutMs: number;
  /** OpenAI-compatible structured output, e.g. `{ type: 'json_schema', json_schema: {...} }` (judges). */
  responseFormat?: object | null;
}

export type ProviderResult =
  | {
      ok: true;
      text: string;
      reasoning: string | null;
      finishReason: string | null;
      tokensIn: number | null;
      tokensOut: number | null;
      latencyMs: number;
      status: number;
    }
  | {
      ok: false;
      status: number | null;
      retryAfterSeconds: number | null;
      message: string;
      latencyMs: number;
    };

const clients = new Map<string, OpenAI>();

/** One SDK client per endpoint and key; the SDK's own retries are off because we retry ourselves. */
function clientFor(t: ProviderTarget): OpenAI {
  const key = `${t.baseUrl}|${t.apiKey ?? ''}|${t.timeoutMs}`;
  let c = clients.get(key);
  if (!c) {
    // Local servers (vLLM, Ollama) accept any key; the SDK insists on a non-empty one.
    c = new OpenAI({
      apiKey: t.apiKey || 'no-key',
      baseURL: t.baseUrl ?? undefined,
      timeout: t.timeoutMs,
      maxRetries: 0,
      fetch: nodeFetch,
    });
    clients.set(key, c);
  }
  return c;
}

/** Sends one chat completion; never throws for provider failures, it describes them. */
export async function sendChat(
  t: ProviderTarget,
  messages: ChatMessage[],
  signal?: AbortSignal,
): Promise<ProviderResult> {
  const started = Date.now();
  try {
    const res = await clientFor(t).chat.completions.create(
      {
        model: t.modelId,
        messages: messages as OpenAI.ChatCompletionMessageParam[],
        ...t.params,
        ...(t.responseFormat
          ? { response_format: t.responseFormat as OpenAI.ResponseFormatJSONSchema }
          : {}),
      },
      { signal },
    );
    const choice = res.choices?.[0];
    if (!choice)
      return {
        ok: false,
        status: 200,
        retryAfterSeconds: null,
        message: 'response has no choices',
        latencyMs: Date.now() - started,
      };
    const message = choice.message as { content: string | null; reasoning_content?: string | null };
    return {
      ok: true,
      text: message.content ?? '',
      reasoning: message.reasoning_content ?? null,
      finishReason: choice.finish_reason ?? null,
      tokensIn: res.usage?.prompt_tokens ?? null,
      tokensOut: res.usage?.completion_tokens ?? null,
      latencyMs: Date.now() - started,
      status: 200,
    };
  } catch (e) {
    const latencyMs = Date.now() - started;
    if (e instanceof OpenAI.APIError && e.status !== undefined) {
      const retryAfter = Number(e.headers?.get?.('retry-after'));
      return {
        ok: false,
        status: e.status,
        retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
        message: e.message,
        latencyMs,
      };
    }
    // Timeouts, refused connections and unparseable bodies: transient, no status.
    return {
      ok: false,
      status: null,
      retryAfterSeconds: null,
      message: (e as Error).message || String(e),
      latencyMs,
    };
  }
}

/** The client as a provider, so that a caller's decisions can be tested against a fake model server in memory. */
@Injectable()
export class ProviderClient {
  send(t: ProviderTarget, messages: ChatMessage[], signal?: AbortSignal): Promise<ProviderResult> {
    return sendChat(t, messages, signal);
  }
}
