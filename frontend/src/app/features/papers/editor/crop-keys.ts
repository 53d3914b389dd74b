import type { CropRect } from './editor-api.service';

/** Arrow keys move the selection by this many page pixels (Alt: one pixel). */
export const KEY_STEP = 10;

const DIRECTIONS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The crop selection after a key, in page pixels, kept on the page (pure, so it is tested with a
 * table): arrows move it, Shift + arrows resize it, Alt makes the step one pixel, Escape clears
 * it. With nothing selected, an arrow starts from a box in the middle of the page. `undefined`:
 * the key is not the crop tool's.
 */
export function rectAfterKey(
  rect: CropRect | null,
  key: { key: string; shiftKey?: boolean; altKey?: boolean },
  page: { width: number; height: number },
): CropRect | null | undefined {
  if (key.key === 'Escape') return null;
  const d = DIRECTIONS[key.key];
  if (!d) return undefined;
  const step = key.altKey ? 1 : KEY_STEP;
  const r = rect ?? {
    x: Math.round(page.width / 4),
    y: Math.round(page.height / 4),
    width: Math.round(page.width / 2),
    height: Math.round(page.height / 8),
  };
  if (key.shiftKey)
    return {
      ...r,
      width: Math.min(page.width - r.x, Math.max(1, r.width + d[0] * step)),
      height: Math.min(page.height - r.y, Math.max(1, r.height + d[1] * step)),
    };
  return {
    ...r,
    x: Math.min(page.width - r.width, Math.max(0, r.x + d[0] * step)),
    y: Math.min(page.height - r.height, Math.max(0, r.y + d[1] * step)),
  };
}
