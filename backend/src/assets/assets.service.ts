import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-errors';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Role } from '../auth/roles';
import { AssetEntity, AssetVariantEntity } from './asset.entities';
import { AssetHolders, AssetsRepository } from './assets.repository';
import {
  encodeForProfile,
  ImageLimits,
  ImageProfile,
  normaliseImage,
  NormalisedImage,
  profileKey,
} from './image-normalize';

export interface StoredBlob {
  mime: string;
  data: Buffer;
  width: number;
  height: number;
}

@Injectable()
export class AssetsService {
  /** Encodings in progress, so concurrent requests for one variant encode it once. */
  private readonly pending = new Map<string, Promise<StoredBlob>>();

  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    @InjectRepository(AssetVariantEntity) private readonly variants: Repository<AssetVariantEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly holders: AssetsRepository,
  ) {}

  /**
   * An image for a signed-in user, if what holds it is visible to them: paper writers see every
   * image (drafts, PDF pages, crops); researchers those of published papers; teachers those of
   * the questions they mark. Anything else is "not found", so a hash reveals nothing.
   */
  async getVisible(
    sha256: string,
    user: { id: string; roles: Role[] },
    profile?: ImageProfile,
  ): Promise<StoredBlob> {
    if (!(await this.isVisible(sha256, user)))
      throw new DomainError(`image ${sha256} not found`, 404, undefined, 'image.not_found');
    return profile ? this.getVariant(sha256, profile) : this.getOriginal(sha256);
  }

  private async isVisible(sha256: string, user: { id: string; roles: Role[] }): Promise<boolean> {
    if (user.roles.some((r) => r === 'admin' || r === 'author')) return true;
    return canSee(user.roles, await this.holders.holders(sha256, user.id));
  }

  get limits(): ImageLimits {
    return {
      maxBytes: this.config.imageMaxBytes,
      maxPixels: this.config.imageMaxPixels,
      maxSide: this.config.imageMaxSide,
    };
  }

  normalise(bytes: Uint8Array): Promise<NormalisedImage> {
    return normaliseImage(bytes, this.limits);
  }

  /** Stores a normalised image once by content hash (inside the caller's transaction if given). */
  async save(image: NormalisedImage, manager?: EntityManager): Promise<string> {
    const repo = manager ? manager.getRepository(AssetEntity) : this.assets;
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        sha256: image.sha256,
        mime: image.mime,
        width: image.width,
        height: image.height,
        byteSize: image.data.length,
        data: image.data,
      })
      .orIgnore()
      .execute();
    return image.sha256;
  }

  async getOriginal(sha256: string): Promise<StoredBlob> {
    const asset = await this.assets.findOne({ where: { sha256 } });
    if (!asset)
      throw new DomainError(`image ${sha256} not found`, 404, undefined, 'image.not_found');
    return asset;
  }

  /** The image in a profile, encoded on first request and cached in the database. */
  async getVariant(sha256: string, profile: ImageProfile): Promise<StoredBlob> {
    const key = profileKey(profile);
    const cached = await this.variants.findOne({ where: { assetSha256: sha256, profileKey: key } });
    if (cached) return cached;
    const inflight = this.pending.get(`${sha256}/${key}`);
    if (inflight) return inflight;
    const job = this.encodeAndStore(sha256, profile, key).finally(() =>
      this.pending.delete(`${sha256}/${key}`),
    );
    this.pending.set(`${sha256}/${key}`, job);
    return job;
  }

  private async encodeAndStore(
    sha256: string,
    profile: ImageProfile,
    key: string,
  ): Promise<StoredBlob> {
    const original = await this.getOriginal(sha256);
    const encoded = await encodeForProfile(original.data, profile);
    await this.variants
      .createQueryBuilder()
      .insert()
      .values({ assetSha256: sha256, profileKey: key, ...encoded, byteSize: encoded.data.length })
      .orIgnore()
      .execute();
    return encoded;
  }
}

/** The visibility rule for readers who do not write papers. Pure. */
export function canSee(roles: Role[], h: AssetHolders): boolean {
  if (roles.includes('researcher') && h.isInPublishedPaper) return true;
  if ((roles.includes('teacher') || roles.includes('senior_teacher')) && h.isInAssignedQuestion)
    return true;
  return false;
}
