import { checkCropRect, MIN_CROP_SIDE } from './crop-rect';

const page = { width: 1190, height: 1684 };

describe('checkCropRect', () => {
  it.each([
    [
      'inside',
      { x: 10, y: 20, width: 300, height: 200 },
      { x: 10, y: 20, width: 300, height: 200 },
    ],
    [
      'rounded to whole pixels',
      { x: 10.4, y: 19.6, width: 99.5, height: 50.2 },
      { x: 10, y: 20, width: 100, height: 50 },
    ],
    [
      'the whole page',
      { x: 0, y: 0, width: 1190, height: 1684 },
      { x: 0, y: 0, width: 1190, height: 1684 },
    ],
    [
      'dragged a pixel past the edge: clipped',
      { x: 1000, y: 0, width: 191, height: 50 },
      { x: 1000, y: 0, width: 190, height: 50 },
    ],
  ])('takes a rectangle %s', (_n, rect, want) => {
    expect(checkCropRect(rect, page)).toEqual({ rect: want });
  });

  it.each([
    ['zero width', { x: 10, y: 10, width: 0, height: 100 }, 'pdf.crop_too_small'],
    [
      'a slip of the mouse',
      { x: 10, y: 10, width: MIN_CROP_SIDE - 1, height: 100 },
      'pdf.crop_too_small',
    ],
    ['negative size', { x: 10, y: 10, width: -50, height: 100 }, 'pdf.crop_too_small'],
    ['left of the page', { x: -20, y: 10, width: 50, height: 50 }, 'pdf.crop_outside'],
    ['below the page', { x: 10, y: 1680, width: 50, height: 50 }, 'pdf.crop_outside'],
    ['wider than the page', { x: 0, y: 0, width: 1300, height: 50 }, 'pdf.crop_outside'],
    ['far outside', { x: 5000, y: 5000, width: 10, height: 10 }, 'pdf.crop_outside'],
  ])('refuses %s with a code', (_n, rect, code) => {
    const result = checkCropRect(rect, page);
    expect('problem' in result && result.problem.code).toBe(code);
  });

  it('names the page size when a rectangle is outside it', () => {
    const result = checkCropRect({ x: 5000, y: 5000, width: 10, height: 10 }, page);
    expect('problem' in result && result.problem).toMatchObject({
      message: expect.stringMatching(/outside the page, which is 1190×1684 pixels/),
      params: { width: 1190, height: 1684, x: 5000, y: 5000 },
    });
  });
});
