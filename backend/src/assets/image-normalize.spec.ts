import sharp from 'sharp';
import {
  cropImage,
  encodeForProfile,
  ImageError,
  normaliseImage,
  parseProfileKey,
  profileKey,
} from './image-normalize';

const limits = { maxBytes: 5_000_000, maxPixels: 4_000_000, maxSide: 1000 };

async function jpegWithOrientation(width: number, height: number, orientation: number) {
  return sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .jpeg()
    .withMetadata({ orientation, exif: { IFD0: { Copyright: 'secret camera owner' } } })
    .toBuffer();
}

describe('normaliseImage', () => {
  it('applies EXIF orientation and strips metadata', async () => {
    const input = await jpegWithOrientation(200, 100, 6); // 6 = rotate 90° clockwise
    const out = await normaliseImage(input, limits);
    expect([out.width, out.height]).toEqual([100, 200]);
    const meta = await sharp(out.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.mime).toBe('image/jpeg');
  });

  it('keeps diagrams lossless as PNG and caps the long side', async () => {
    const input = await sharp({
      create: { width: 2000, height: 1000, channels: 4, background: '#ffffff' },
    })
      .png()
      .toBuffer();
    const out = await normaliseImage(input, limits);
    expect(out.mime).toBe('image/png');
    expect([out.width, out.height]).toEqual([1000, 500]);
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash for the same image twice', async () => {
    const input = await sharp({
      create: { width: 50, height: 50, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    expect((await normaliseImage(input, limits)).sha256).toBe(
      (await normaliseImage(input, limits)).sha256,
    );
  });

  it.each([
    ['too many bytes', { ...limits, maxBytes: 10 }, /the limit is 10/],
    ['too many pixels', { ...limits, maxPixels: 100 }, /20×20 pixels; the limit is 100 pixels/],
  ])('refuses an image with %s', async (_n, l, msg) => {
    const input = await sharp({
      create: { width: 20, height: 20, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    await expect(normaliseImage(input, l)).rejects.toThrow(msg);
  });

  it('refuses bytes that are not an image', async () => {
    await expect(normaliseImage(Buffer.from('not an image at all'), limits)).rejects.toBeInstanceOf(
      ImageError,
    );
  });
});

describe('profiles', () => {
  it('parses and prints profile keys', () => {
    expect(parseProfileKey('jpeg-1024-q80')).toEqual({
      format: 'jpeg',
      longSide: 1024,
      quality: 80,
    });
    expect(profileKey({ format: 'webp', longSide: 512, quality: 70 })).toBe('webp-512-q70');
    expect(parseProfileKey('gif-1024-q80')).toBeNull();
    expect(parseProfileKey('jpeg-9999-q80')).toBeNull();
  });

  it('encodes a profile to its size and format, identically each time', async () => {
    const original = await sharp({
      create: { width: 800, height: 400, channels: 4, background: '#ff000080' },
    })
      .png()
      .toBuffer();
    const a = await encodeForProfile(original, { format: 'jpeg', longSide: 200, quality: 80 });
    const b = await encodeForProfile(original, { format: 'jpeg', longSide: 200, quality: 80 });
    expect([a.width, a.height, a.mime]).toEqual([200, 100, 'image/jpeg']);
    expect(a.data.equals(b.data)).toBe(true);
  });

  it('crops a rectangle and refuses one outside the image', async () => {
    const original = await sharp({
      create: { width: 100, height: 100, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const png = await cropImage(original, { x: 10, y: 20, width: 30, height: 40 });
    expect(await sharp(png).metadata()).toMatchObject({ width: 30, height: 40 });
    await expect(cropImage(original, { x: 99, y: 99, width: 50, height: 50 })).rejects.toThrow(
      /outside/,
    );
  });
});
