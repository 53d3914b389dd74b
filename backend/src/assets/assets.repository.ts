import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Who holds an image, as far as its visibility goes. */
export interface AssetHolders {
  /** Shown by a question of a published paper version. */
  isInPublishedPaper: boolean;
  /** Shown by a question this user marks, or by the composite question around one. */
  isInAssignedQuestion: boolean;
}

/**
 * Raw SQL: two EXISTS probes over the holders of an image (question images; PDF pages and crops
 * need no probe, they are for paper writers only), indexed by asset hash and by assignment.
 */
@Injectable()
export class AssetsRepository {
  constructor(private readonly db: DataSource) {}

  async holders(sha256: string, userId: string): Promise<AssetHolders> {
    const [row] = await this.db.query(
      `SELECT
         EXISTS (SELECT 1 FROM question_images qi JOIN questions q ON q.id = qi.question_id
                 JOIN paper_versions v ON v.id = q.paper_version_id
                 WHERE qi.asset_sha256 = $1 AND v.status = 'published') AS "isInPublishedPaper",
         EXISTS (SELECT 1 FROM question_images qi JOIN questions q ON q.id = qi.question_id
                 JOIN marking_assignments a ON a.user_id = $2
                 LEFT JOIN questions sub ON sub.id = a.question_id
                 WHERE qi.asset_sha256 = $1 AND (a.question_id = q.id OR sub.parent_id = q.id)) AS "isInAssignedQuestion"`,
      [sha256, userId],
    );
    return row;
  }
}
