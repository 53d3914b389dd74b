import { KEY_STEP, rectAfterKey } from './crop-keys';

const page = { width: 1190, height: 1684 };
const box = { x: 100, y: 200, width: 300, height: 150 };

describe('rectAfterKey', () => {
  it.each([
    ['ArrowRight moves right', box, { key: 'ArrowRight' }, { ...box, x: 100 + KEY_STEP }],
    ['ArrowUp moves up', box, { key: 'ArrowUp' }, { ...box, y: 200 - KEY_STEP }],
    ['Alt makes the step one pixel', box, { key: 'ArrowLeft', altKey: true }, { ...box, x: 99 }],
    ['Shift+ArrowRight widens', box, { key: 'ArrowRight', shiftKey: true }, { ...box, width: 310 }],
    [
      'Shift+ArrowUp makes it shorter',
      box,
      { key: 'ArrowUp', shiftKey: true },
      { ...box, height: 140 },
    ],
    ['stops at the left edge', { ...box, x: 4 }, { key: 'ArrowLeft' }, { ...box, x: 0 }],
    ['stops at the right edge', { ...box, x: 885 }, { key: 'ArrowRight' }, { ...box, x: 890 }],
    [
      'does not grow past the page',
      { ...box, x: 1000, width: 185 },
      { key: 'ArrowRight', shiftKey: true },
      { ...box, x: 1000, width: 190 },
    ],
    [
      'does not shrink below a pixel',
      { ...box, width: 5 },
      { key: 'ArrowLeft', shiftKey: true },
      { ...box, width: 1 },
    ],
    [
      'starts from a box in the middle of the page',
      null,
      { key: 'ArrowDown' },
      { x: 298, y: 421 + KEY_STEP, width: 595, height: 211 },
    ],
  ])('%s', (_n, rect, key, want) => {
    expect(rectAfterKey(rect, key, page)).toEqual(want);
  });

  it('clears with Escape and ignores other keys', () => {
    expect(rectAfterKey(box, { key: 'Escape' }, page)).toBeNull();
    expect(rectAfterKey(box, { key: 'a' }, page)).toBeUndefined();
    expect(rectAfterKey(box, { key: 'Tab' }, page)).toBeUndefined();
  });
});
