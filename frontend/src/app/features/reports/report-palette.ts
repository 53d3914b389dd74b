/** The verdict colours of the chart, the table chips and the heat map: above, below, tie. */
export const VERDICT_COLOURS = { above: '#1565c0', below: '#c62828', tie: '#616161' } as const;

/**
 * Model colours, chosen away from the verdicts' blue, red and grey (report-palette.spec.ts checks
 * the hues), so a model's dot is never read as "above" or "below students".
 */
export const MODEL_PALETTE = [
  '#2e7d32',
  '#7b1fa2',
  '#b26a00',
  '#00796b',
  '#827717',
  '#4527a0',
  '#558b2f',
] as const;

export function modelColour(i: number): string {
  return MODEL_PALETTE[i % MODEL_PALETTE.length];
}

/** Hue in degrees and saturation (0–1) of a `#rrggbb` colour. */
export function hueOf(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const l = (max + min) / 2;
  const saturation = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  if (d === 0) return { hue: 0, saturation };
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { hue: (h * 60 + 360) % 360, saturation };
}
