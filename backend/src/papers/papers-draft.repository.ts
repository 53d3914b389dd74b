import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface DraftSummary {
  id: string;
  version: number;
  contentHash: string;
  createdAt: Date;
}

/**
 * Image bytes as a bundle held them, and the drafts beside a published version. Raw SQL because
 * an image's bytes live in one of two tables: a normalised asset (the bundle already held
 * normalised bytes) or an original kept beside its asset in bundle_originals; and the drafts are
 * a DISTINCT ON joined to unnest() of the versions shown.
 */
@Injectable()
export class PapersDraftRepository {
  constructor(private readonly db: DataSource) {}

  /** For each sha256 already stored (as an asset or an original): the asset it shows as. */
  async assetsOf(
    shas: string[],
    m: EntityManager | DataSource = this.db,
  ): Promise<Map<string, string>> {
    if (!shas.length) return new Map();
    const rows: { sha256: string; asset: string }[] = await m.query(
      `SELECT sha256, sha256 AS asset FROM assets WHERE sha256 = ANY($1)
       UNION ALL SELECT sha256, asset_sha256 AS asset FROM bundle_originals WHERE sha256 = ANY($1)`,
      [shas],
    );
    return new Map(rows.map((r) => [r.sha256, r.asset]));
  }

  /** The bytes of each stored sha256 (an original's own bytes before an asset's). */
  async bytesOf(shas: string[]): Promise<Map<string, Buffer>> {
    if (!shas.length) return new Map();
    const rows: { sha256: string; data: Buffer }[] = await this.db.query(
      `SELECT sha256, data FROM bundle_originals WHERE sha256 = ANY($1)
       UNION ALL SELECT sha256, data FROM assets WHERE sha256 = ANY($1)
         AND sha256 NOT IN (SELECT sha256 FROM bundle_originals WHERE sha256 = ANY($1))`,
      [shas],
    );
    return new Map(rows.map((r) => [r.sha256, r.data]));
  }

  async slugOf(paperId: string): Promise<string> {
    return (await this.db.query(`SELECT slug FROM papers WHERE id = $1`, [paperId]))[0].slug;
  }

  /**
   * The newest draft of each paper that is newer than the version the library shows (its latest
   * published one), so the library can set the draft beside the published version.
   */
  async draftsAfter(
    shown: { paperId: string; version: number }[],
  ): Promise<Map<string, DraftSummary>> {
    if (!shown.length) return new Map();
    const rows: (DraftSummary & { paper_id: string })[] = await this.db.query(
      `SELECT DISTINCT ON (v.paper_id) v.paper_id, v.id, v.version, v.content_hash AS "contentHash", v.created_at AS "createdAt"
       FROM paper_versions v
       JOIN unnest($1::uuid[], $2::int[]) AS s(paper_id, version) ON s.paper_id = v.paper_id AND v.version > s.version
       WHERE v.status = 'draft'
       ORDER BY v.paper_id, v.version DESC`,
      [shown.map((s) => s.paperId), shown.map((s) => s.version)],
    );
    return new Map(rows.map(({ paper_id, ...d }) => [paper_id, d]));
  }

  async saveOriginal(
    m: EntityManager,
    sha256: string,
    assetSha256: string,
    data: Uint8Array,
  ): Promise<void> {
    await m.query(
      `INSERT INTO bundle_originals (sha256, asset_sha256, data) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, assetSha256, Buffer.from(data)],
    );
  }
}
