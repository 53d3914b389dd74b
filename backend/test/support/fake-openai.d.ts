/** Types of fake-openai.js (plain CommonJS, so bare node, ts-jest and Playwright all load it). */

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Raw body, for malformed responses; otherwise a chat completion is built from `text`. */
  raw?: string;
  text?: string;
  finishReason?: string;
  /** Token counts to report (default: 100 in, half the text's length out). */
  usage?: { prompt_tokens: number; completion_tokens: number };
  delayMs?: number;
  /** Never answer (the client must time out). */
  hang?: boolean;
}

export interface FakeRequest {
  /** The n-th request, from 1. */
  n: number;
  hash: string;
  body: { model: string; messages: { role: string; content: unknown }[]; max_tokens?: number };
  rawBody: string;
  hasImage: boolean;
  authorization: string | undefined;
  status: number;
}

export class FakeOpenAI {
  readonly requests: FakeRequest[];
  peakInFlight: number;
  behave: (req: Omit<FakeRequest, 'status'>) => FakeReply;
  readonly url: string;
  count(): number;
  start(port?: number): Promise<this>;
  stop(): Promise<void>;
  repeatedSuccesses(): number;
}
