import { stratifiedSample } from './stratified-sample';

const units = [
  ...Array.from({ length: 30 }, (_, i) => ({
    id: `a${String(i).padStart(2, '0')}`,
    stratum: 'model:alpha',
  })),
  ...Array.from({ length: 5 }, (_, i) => ({ id: `b${i}`, stratum: 'model:beta' })),
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `s${String(i).padStart(2, '0')}`,
    stratum: 'student',
  })),
];

describe('stratified validation sample', () => {
  it('draws up to n from every stratum, all of a small one, and records the sizes', () => {
    const { chosen, strata } = stratifiedSample(units, 8, 42);
    expect(strata).toEqual([
      { stratum: 'model:alpha', population: 30, sampled: 8 },
      { stratum: 'model:beta', population: 5, sampled: 5 },
      { stratum: 'student', population: 12, sampled: 8 },
    ]);
    expect(chosen).toHaveLength(21);
    expect(new Set(chosen.map((c) => c.id)).size).toBe(21);
  });

  it('is reproducible from the seed, whatever order the units come in, and another seed draws otherwise', () => {
    const a = stratifiedSample(units, 8, 42).chosen.map((c) => c.id);
    const b = stratifiedSample([...units].reverse(), 8, 42).chosen.map((c) => c.id);
    expect(b).toEqual(a);
    expect(stratifiedSample(units, 8, 43).chosen.map((c) => c.id)).not.toEqual(a);
  });

  it('keeps a stratum’s draw when another stratum is added', () => {
    const alpha = (xs: typeof units) =>
      stratifiedSample(xs, 8, 7)
        .chosen.filter((c) => c.stratum === 'model:alpha')
        .map((c) => c.id);
    expect(alpha(units.filter((u) => u.stratum !== 'student'))).toEqual(alpha(units));
  });
});
