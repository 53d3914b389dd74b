import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a paper version's content hash was computed over, so the version can be downloaded as a
 * bundle that imports to the same hash: the rubric document as written (the rubric rows fill in
 * defaults) and which image bytes each bundle path held. Images are stored normalised; where an
 * original's bytes differ from its normalised asset, the original is kept in bundle_originals.
 * Versions imported before this have no bundle (NULL) and download from their rows instead.
 */
export class PaperVersionBundles1764300081000 implements MigrationInterface {
  name = 'PaperVersionBundles1764300081000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE paper_versions ADD COLUMN bundle jsonb`);
    await q.query(`
      CREATE TABLE bundle_originals (
        sha256 char(64) CONSTRAINT pk_bundle_originals PRIMARY KEY,
        asset_sha256 char(64) NOT NULL CONSTRAINT fk_bundle_originals_asset REFERENCES assets(sha256),
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_bundle_originals_asset ON bundle_originals (asset_sha256)`);
    // The bundle is part of the version's content: once written it never changes.
    await q.query(`
      CREATE FUNCTION paper_versions_bundle_immutable() RETURNS trigger AS $$
      BEGIN
        IF OLD.bundle IS NOT NULL AND NEW.bundle IS DISTINCT FROM OLD.bundle THEN
          RAISE EXCEPTION 'paper version % is immutable: its bundle cannot change', OLD.id;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await q.query(`
      CREATE TRIGGER trg_paper_versions_bundle_immutable BEFORE UPDATE ON paper_versions
      FOR EACH ROW EXECUTE FUNCTION paper_versions_bundle_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_paper_versions_bundle_immutable ON paper_versions`);
    await q.query(`DROP FUNCTION paper_versions_bundle_immutable()`);
    await q.query(`DROP TABLE bundle_originals`);
    await q.query(`ALTER TABLE paper_versions DROP COLUMN bundle`);
  }
}
