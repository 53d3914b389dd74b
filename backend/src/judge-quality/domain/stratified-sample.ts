import { seededRandom, seedOf } from '../../statistics/random';

/**
 * A stratified random sample: up to `perStratum` units from each stratum (each model under test,
 * and the students), drawn without replacement by a seeded partial Fisher–Yates shuffle of the
 * stratum's units in id order. Same units, same seed, same sample; each stratum has its own
 * stream (seeded by its name), so adding a model does not change the draw of another.
 */
export interface Stratum {
  stratum: string;
  population: number;
  sampled: number;
}

export function stratifiedSample<T extends { id: string; stratum: string }>(
  units: T[],
  perStratum: number,
  seed: number,
): { chosen: T[]; strata: Stratum[] } {
  const by = new Map<string, T[]>();
  for (const u of units) {
    if (!by.has(u.stratum)) by.set(u.stratum, []);
    by.get(u.stratum)!.push(u);
  }
  const chosen: T[] = [];
  const strata: Stratum[] = [];
  for (const name of [...by.keys()].sort()) {
    const xs = by.get(name)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const random = seededRandom(seedOf(name, seed));
    const k = Math.min(perStratum, xs.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (xs.length - i));
      [xs[i], xs[j]] = [xs[j], xs[i]];
      chosen.push(xs[i]);
    }
    strata.push({ stratum: name, population: xs.length, sampled: k });
  }
  return { chosen, strata };
}
