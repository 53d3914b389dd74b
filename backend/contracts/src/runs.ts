/**
 * The runs API: a run's progress per model, and the runs list. `At` is a time's type: a Date where
 * the server reads it, the ISO string it becomes on the wire.
 */

/** One model of a run: its work items by state, tokens and cost so far, throughput and ETA. */
export interface ModelProgress {
  modelId: string;
  name: string;
  total: number;
  pending: number;
  inFlight: number;
  answered: number;
  failed: number;
  notApplicable: number;
  cancelled: number;
  tokensIn: number;
  tokensOut: number;
  /** Null while any successful request has no known price (a partial sum would look like a total). */
  cost: number | null;
  requestsPerSecond: number;
  etaSeconds: number | null;
}

/** `GET /api/runs/:id` (and the answer to creating, pausing, resuming or cancelling one). */
export interface RunProgress<At = string> {
  id: string;
  name: string;
  status: string;
  templateVersion: string;
  createdAt: At;
  finishedAt: At | null;
  models: ModelProgress[];
}

/** `GET /api/runs` row: how many of its work items are settled. */
export interface RunSummary<At = string> {
  id: string;
  name: string;
  status: string;
  createdAt: At;
  finishedAt: At | null;
  total: number;
  done: number;
}

/** What a request to a model may set besides its messages. */
export interface GenerationParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
}

/** How a vision model's images are sent (the longer side, the format and its quality). */
export interface ImageProfileSetting {
  longSide: number;
  format: 'jpeg' | 'png' | 'webp';
  quality: number;
}

/**
 * `GET /api/models` row: a model under test, or a judge. The API key is never sent, only the name
 * of the variable holding it and whether that variable is set.
 */
export interface AiModel<At = string> {
  id: string;
  name: string;
  provider: string;
  baseUrl: string | null;
  modelId: string;
  apiKeyEnv: string | null;
  hasApiKey: boolean;
  modality: 'text' | 'vision';
  imageProfile: ImageProfileSetting | null;
  params: GenerationParams;
  samplesPerQuestion: number;
  concurrency: number;
  rpmLimit: number | null;
  tpmLimit: number | null;
  priceInputPerMtok: number | null;
  priceOutputPerMtok: number | null;
  isImported: boolean;
  /** A judge reads answers against rubrics (judging); it is not a model under test. */
  isJudge: boolean;
  judgeOutput: 'json_schema' | 'tagged';
  /** Its answers were drawn by a script, not written by a model: every figure on it says so. */
  isSimulated: boolean;
  createdAt: At;
}
