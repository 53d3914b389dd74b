import { hueOf, MODEL_PALETTE, VERDICT_COLOURS } from './report-palette';

const distance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

describe('report palette', () => {
  it('reads hues', () => {
    expect(hueOf('#ff0000')).toEqual({ hue: 0, saturation: 1 });
    expect(hueOf('#0000ff').hue).toBe(240);
    expect(hueOf('#616161').saturation).toBe(0);
  });

  it.each([...MODEL_PALETTE])(
    'model colour %s is neither grey nor near the blue or red of a verdict',
    (colour) => {
      const { hue, saturation } = hueOf(colour);
      expect(saturation).toBeGreaterThan(0.4);
      for (const verdict of [VERDICT_COLOURS.above, VERDICT_COLOURS.below])
        expect(distance(hue, hueOf(verdict).hue)).toBeGreaterThanOrEqual(30);
    },
  );

  it('gives every model a different colour', () => {
    expect(new Set(MODEL_PALETTE).size).toBe(MODEL_PALETTE.length);
  });
});
