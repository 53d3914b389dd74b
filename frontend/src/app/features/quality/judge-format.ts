import { Estimate } from './judge-quality-api.service';

/** A figure with its interval: "0.82 [0.75, 0.88]"; shares as percentages; a dash where undefined. */
export function fmtEstimate(e: Estimate, kind: 'share' | 'number' = 'number'): string {
  if (e.value === null) return '—';
  const f = (x: number) => (kind === 'share' ? `${Math.round(x * 100)}%` : x.toFixed(2));
  return e.ci ? `${f(e.value)} [${f(e.ci[0])}, ${f(e.ci[1])}]` : f(e.value);
}

/** Verdict parameters as the catalogue words them: numbers to two or three places, a dash for none. */
export function verdictParams(
  params: Record<string, number | null>,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, v === null ? '—' : Number(v.toFixed(3))]),
  );
}
