/**
 * Talking to a model's endpoint: the OpenAI-compatible client (over node:http), which failures are
 * worth retrying and after how long, and the per-minute budgets that pace requests. Below
 * collection, grading and judging, which all call models; it knows nothing of runs or work items.
 */
export { ProviderClient, sendChat } from './provider-client';
export type { ProviderResult, ProviderTarget } from './provider-client';
export { ProviderModule } from './provider.module';
export { TokenBucket } from './rate-limit';
export { decideRetry, isTransient } from './retry-policy';
export type { FailureInfo, RetryDecision, RetryOptions } from './retry-policy';
