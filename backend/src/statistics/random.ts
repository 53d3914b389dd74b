/**
 * A small seeded generator (mulberry32) so every bootstrap interval and every synthetic cohort can
 * be reproduced exactly from its seed. Not for secrets.
 */
export type Random = () => number;

// Bound once: inside jest's vm sandbox every global lookup (Math.…) is an order of magnitude slower.
const { imul, sqrt, log, cos, PI } = Math;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return sqrt(-2 * log(u)) * cos(2 * PI * v);
}

/** A seed from any text (FNV-1a), so "seed per figure" can be derived from the figure's name. */
export function seedOf(text: string, base = 0): number {
  let h = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193) >>> 0;
  }
  return h;
}
