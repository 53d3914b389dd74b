/**
 * Checks a crop rectangle against the page image it is cut from (pure: no Nest, no database).
 * The rectangle is in pixels of the stored page render, which is what the editor shows scaled:
 * the editor converts its on-screen selection back to these pixels, so a crop is cut from the
 * full-resolution render and never from a screenshot of the scaled page.
 */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Smaller than this is a slip of the mouse, not a figure. */
export const MIN_CROP_SIDE = 8;
/** Half a pixel of slack: a selection dragged to the page's edge may round past it. */
const EDGE_SLACK = 1;

export interface CropProblem {
  code: 'pdf.crop_too_small' | 'pdf.crop_outside';
  message: string;
  params: Record<string, number>;
}

/** The rectangle in whole pixels inside the page, or the problem that stops it. */
export function checkCropRect(
  rect: CropRect,
  page: { width: number; height: number },
): { rect: CropRect } | { problem: CropProblem } {
  const x = Math.round(rect.x);
  const y = Math.round(rect.y);
  const width = Math.round(rect.width);
  const height = Math.round(rect.height);
  if (width < MIN_CROP_SIDE || height < MIN_CROP_SIDE) {
    return {
      problem: {
        code: 'pdf.crop_too_small',
        message: `the crop rectangle is ${width}×${height} pixels; each side must be at least ${MIN_CROP_SIDE}`,
        params: { width, height, min: MIN_CROP_SIDE },
      },
    };
  }
  if (
    x < 0 ||
    y < 0 ||
    x + width > page.width + EDGE_SLACK ||
    y + height > page.height + EDGE_SLACK
  ) {
    return {
      problem: {
        code: 'pdf.crop_outside',
        message: `the crop rectangle (${x}, ${y}, ${width}×${height}) lies outside the page, which is ${page.width}×${page.height} pixels`,
        params: {
          x,
          y,
          cropWidth: width,
          cropHeight: height,
          width: page.width,
          height: page.height,
        },
      },
    };
  }
  return {
    rect: {
      x,
      y,
      width: Math.min(width, page.width - x),
      height: Math.min(height, page.height - y),
    },
  };
}
