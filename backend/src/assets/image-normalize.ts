import { sha256 } from '../common/hashing';
import sharp from 'sharp';

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
  maxSide: number;
}

export interface NormalisedImage {
  sha256: string;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  data: Buffer;
}

/** An image profile: how a model (or a screen) wants its images. */
export interface ImageProfile {
  longSide: number;
  format: 'jpeg' | 'png' | 'webp';
  quality: number;
}

export const DEFAULT_VISION_PROFILE: ImageProfile = { longSide: 1536, format: 'jpeg', quality: 85 };

/**
 * The profiles a client may ask for by name. Each distinct profile is encoded once and stored, so
 * an open-ended `?profile=` would let any caller fill the disk and the CPU; the few sizes the
 * screens and the default vision model need are named here. (Models keep their own profile in
 * their configuration; the server encodes those when it renders their prompts.)
 */
export const NAMED_PROFILES = {
  thumb: { format: 'webp', longSide: 320, quality: 75 },
  screen: { format: 'webp', longSide: 1280, quality: 85 },
  vision: DEFAULT_VISION_PROFILE,
} as const satisfies Record<string, ImageProfile>;

export type ProfileName = keyof typeof NAMED_PROFILES;

/** A named profile by its name ("thumb") or its key ("jpeg-1536-q85"), or null. */
export function namedProfile(nameOrKey: string): ImageProfile | null {
  if (Object.hasOwn(NAMED_PROFILES, nameOrKey)) return NAMED_PROFILES[nameOrKey as ProfileName];
  return Object.values(NAMED_PROFILES).find((p) => profileKey(p) === nameOrKey) ?? null;
}

export class ImageError extends Error {}

export function profileKey(p: ImageProfile): string {
  return `${p.format}-${p.longSide}-q${p.quality}`;
}

export function parseProfileKey(key: string): ImageProfile | null {
  const m = /^(jpeg|png|webp)-(\d{2,4})-q(\d{1,3})$/.exec(key);
  if (!m) return null;
  const profile = {
    format: m[1] as ImageProfile['format'],
    longSide: Number(m[2]),
    quality: Number(m[3]),
  };
  return profile.longSide >= 64 &&
    profile.longSide <= 4096 &&
    profile.quality >= 1 &&
    profile.quality <= 100
    ? profile
    : null;
}

/**
 * Decodes an untrusted image and re-encodes it: EXIF orientation applied, sRGB, metadata
 * stripped, long side capped. Diagrams stay lossless PNG; photos stay JPEG.
 */
export async function normaliseImage(
  input: Uint8Array,
  limits: ImageLimits,
): Promise<NormalisedImage> {
  if (input.length > limits.maxBytes)
    throw new ImageError(`image is ${input.length} bytes; the limit is ${limits.maxBytes}`);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // Header only: the pixel limit is checked below with a clearer message than sharp's.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new ImageError(`cannot decode image (${(e as Error).message})`);
  }
  if (!meta.width || !meta.height) throw new ImageError('image has no dimensions');
  if (meta.width * meta.height > limits.maxPixels) {
    throw new ImageError(
      `image is ${meta.width}×${meta.height} pixels; the limit is ${limits.maxPixels} pixels`,
    );
  }
  const isPhoto = meta.format === 'jpeg';
  try {
    const pipeline = sharp(input, { limitInputPixels: limits.maxPixels })
      .rotate()
      .toColourspace('srgb')
      .resize({
        width: limits.maxSide,
        height: limits.maxSide,
        fit: 'inside',
        withoutEnlargement: true,
      });
    const { data, info } = await (
      isPhoto
        ? pipeline.jpeg({ quality: 90, mozjpeg: true })
        : pipeline.png({ compressionLevel: 6 })
    ).toBuffer({
      resolveWithObject: true,
    });
    return {
      sha256: sha256(data),
      mime: isPhoto ? 'image/jpeg' : 'image/png',
      width: info.width,
      height: info.height,
      data,
    };
  } catch (e) {
    throw new ImageError(`cannot process image (${(e as Error).message})`);
  }
}

/** Encodes a stored original for a profile. Deterministic for the same input and profile. */
export async function encodeForProfile(original: Buffer, profile: ImageProfile) {
  const base = sharp(original).flatten({ background: '#ffffff' }).resize({
    width: profile.longSide,
    height: profile.longSide,
    fit: 'inside',
    withoutEnlargement: true,
  });
  const encoded =
    profile.format === 'jpeg'
      ? base.jpeg({ quality: profile.quality, mozjpeg: true })
      : profile.format === 'webp'
        ? base.webp({ quality: profile.quality })
        : base.png({ compressionLevel: 9 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, mime: `image/${profile.format}` };
}

/** Cuts a rectangle (in pixels of the image) out of an image, as PNG. */
export async function cropImage(
  original: Buffer,
  rect: { x: number; y: number; width: number; height: number },
) {
  const meta = await sharp(original).metadata();
  const x = Math.max(0, Math.round(rect.x));
  const y = Math.max(0, Math.round(rect.y));
  const width = Math.min(Math.round(rect.width), (meta.width ?? 0) - x);
  const height = Math.min(Math.round(rect.height), (meta.height ?? 0) - y);
  if (width < 4 || height < 4)
    throw new ImageError('the crop rectangle lies outside the page or is too small');
  return sharp(original).extract({ left: x, top: y, width, height }).png().toBuffer();
}
