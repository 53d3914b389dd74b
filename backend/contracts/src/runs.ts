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
