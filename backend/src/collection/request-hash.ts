import { canonicalJson, sha256 } from '../common/hashing';

/**
 * The identity of a request: endpoint, model, generation parameters, the exact messages and the
 * sample index. Two work items with the same hash are the same request, sent at most once.
 */
export function requestHash(input: {
  baseUrl: string | null;
  modelId: string;
  params: object;
  messages: unknown;
  sampleIndex: number;
  /** Reader items only (absent keys leave answers' hashes as they were): structured output and template. */
  responseFormat?: object | null;
  templateVersion?: string;
}): string {
  return sha256(canonicalJson(input));
}

/** Cost from a price table in currency units per million tokens; unknown prices stay unknown. */
export function costOf(
  tokensIn: number | null,
  tokensOut: number | null,
  priceIn: number | null,
  priceOut: number | null,
): number | null {
  if (priceIn === null || priceOut === null || tokensIn === null || tokensOut === null) return null;
  return (tokensIn * priceIn + tokensOut * priceOut) / 1_000_000;
}

/** A rough token estimate for the TPM budget before the provider reports real usage. */
export function estimateTokens(messages: unknown, maxTokens: number): number {
  const text = JSON.stringify(messages);
  // Data-URL images are billed by the provider's own rules; count them at a flat ~800 tokens.
  const images = (text.match(/data:image\//g) ?? []).length;
  const withoutImages = text.replace(/data:image\/[^"]+/g, '');
  return Math.ceil(withoutImages.length / 2) + images * 800 + maxTokens;
}
