import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Papers, questions, rubrics, images and PDF intake.
 * A paper version is immutable once written: a trigger refuses updates to its content, so
 * "edits make a new version" holds even against a buggy service.
 */
export class CreatePapersAndAssets1764300000000 implements MigrationInterface {
  name = 'CreatePapersAndAssets1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE assets (
        sha256 char(64) CONSTRAINT pk_assets PRIMARY KEY,
        mime text NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        byte_size int NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Derived encodings per image profile (long side, format, quality), computed once and cached.
    await q.query(`
      CREATE TABLE asset_variants (
        asset_sha256 char(64) NOT NULL CONSTRAINT fk_asset_variants_asset REFERENCES assets(sha256),
        profile_key text NOT NULL,
        mime text NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        byte_size int NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_asset_variants PRIMARY KEY (asset_sha256, profile_key)
      )`);

    await q.query(`
      CREATE TABLE papers (
        id uuid CONSTRAINT pk_papers PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CONSTRAINT uq_papers_slug UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE paper_versions (
        id uuid CONSTRAINT pk_paper_versions PRIMARY KEY DEFAULT gen_random_uuid(),
        paper_id uuid NOT NULL CONSTRAINT fk_paper_versions_paper REFERENCES papers(id),
        version int NOT NULL,
        content_hash char(64) NOT NULL CONSTRAINT uq_paper_versions_content_hash UNIQUE,
        title text NOT NULL,
        subject text NOT NULL,
        grade smallint NOT NULL CONSTRAINT ck_paper_versions_grade CHECK (grade BETWEEN 1 AND 12),
        stage text NOT NULL CONSTRAINT ck_paper_versions_stage CHECK (stage IN ('primary','junior','senior')),
        year smallint NOT NULL,
        region text NOT NULL,
        language text NOT NULL,
        total_points numeric(8,2) NOT NULL,
        question_count int NOT NULL,
        image_question_count int NOT NULL,
        scoring_policy jsonb NOT NULL,
        source jsonb NOT NULL,
        document jsonb NOT NULL,
        status text NOT NULL DEFAULT 'draft' CONSTRAINT ck_paper_versions_status CHECK (status IN ('draft','published')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        CONSTRAINT uq_paper_versions_paper_version UNIQUE (paper_id, version)
      )`);
    await q.query(`CREATE INDEX ix_paper_versions_library ON paper_versions (subject, grade, year)`);
    await q.query(`
      CREATE FUNCTION paper_versions_immutable() RETURNS trigger AS $$
      BEGIN
        IF NEW.document IS DISTINCT FROM OLD.document OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
           OR NEW.scoring_policy IS DISTINCT FROM OLD.scoring_policy OR NEW.paper_id IS DISTINCT FROM OLD.paper_id
           OR NEW.version IS DISTINCT FROM OLD.version THEN
          RAISE EXCEPTION 'paper version % is immutable: import a new version instead', OLD.id;
        END IF;
        IF OLD.status = 'published' AND NEW.status <> 'published' THEN
          RAISE EXCEPTION 'paper version % is published and cannot be unpublished', OLD.id;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await q.query(`
      CREATE TRIGGER tr_paper_versions_immutable BEFORE UPDATE ON paper_versions
      FOR EACH ROW EXECUTE FUNCTION paper_versions_immutable()`);

    await q.query(`
      CREATE TABLE passages (
        id uuid CONSTRAINT pk_passages PRIMARY KEY DEFAULT gen_random_uuid(),
        paper_version_id uuid NOT NULL CONSTRAINT fk_passages_paper_version REFERENCES paper_versions(id),
        key text NOT NULL,
        title text,
        content text NOT NULL,
        CONSTRAINT uq_passages_key UNIQUE (paper_version_id, key)
      )`);

    // One row per question AND per sub-question (parent_id set), so marking queues, scores and
    // cohort statistics can all address a sub-question directly.
    await q.query(`
      CREATE TABLE questions (
        id uuid CONSTRAINT pk_questions PRIMARY KEY DEFAULT gen_random_uuid(),
        paper_version_id uuid NOT NULL CONSTRAINT fk_questions_paper_version REFERENCES paper_versions(id),
        parent_id uuid CONSTRAINT fk_questions_parent REFERENCES questions(id),
        passage_id uuid CONSTRAINT fk_questions_passage REFERENCES passages(id),
        ordinal int NOT NULL,
        number text NOT NULL,
        section_title text,
        type text NOT NULL CONSTRAINT ck_questions_type CHECK (type IN
          ('single_choice','multiple_choice','true_false','fill_blank','short_answer','essay','calculation','composite')),
        is_objective boolean NOT NULL,
        points numeric(8,2) NOT NULL,
        stem text NOT NULL,
        options jsonb,
        blanks int,
        answer_key jsonb,
        reference_answer text,
        analysis text,
        knowledge_tags text[] NOT NULL DEFAULT '{}',
        tolerance numeric(6,2),
        scoring_policy jsonb,
        has_images boolean NOT NULL DEFAULT false,
        provenance jsonb,
        CONSTRAINT uq_questions_number UNIQUE (paper_version_id, number)
      )`);
    await q.query(`CREATE INDEX ix_questions_paper ON questions (paper_version_id, ordinal)`);
    await q.query(`CREATE INDEX ix_questions_parent ON questions (parent_id) WHERE parent_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_questions_tags ON questions USING gin (knowledge_tags)`);

    await q.query(`
      CREATE TABLE question_images (
        question_id uuid NOT NULL CONSTRAINT fk_question_images_question REFERENCES questions(id),
        ordinal int NOT NULL,
        role text NOT NULL CONSTRAINT ck_question_images_role CHECK (role IN ('stem','option','passage')),
        option_label text,
        asset_sha256 char(64) NOT NULL CONSTRAINT fk_question_images_asset REFERENCES assets(sha256),
        alt text,
        CONSTRAINT pk_question_images PRIMARY KEY (question_id, ordinal)
      )`);

    // Rubrics are versioned: an edit appends a version; marks snapshot the version they used.
    await q.query(`
      CREATE TABLE rubrics (
        id uuid CONSTRAINT pk_rubrics PRIMARY KEY DEFAULT gen_random_uuid(),
        question_id uuid NOT NULL CONSTRAINT fk_rubrics_question REFERENCES questions(id),
        version int NOT NULL,
        mode text NOT NULL CONSTRAINT ck_rubrics_mode CHECK (mode IN ('items','score')),
        starting_points numeric(8,2) NOT NULL DEFAULT 0,
        floor_points numeric(8,2) NOT NULL DEFAULT 0,
        ceiling_points numeric(8,2) NOT NULL,
        items jsonb NOT NULL,
        grader_notes text,
        samples jsonb NOT NULL DEFAULT '[]',
        is_derived boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_rubrics_question_version UNIQUE (question_id, version)
      )`);

    await q.query(`
      CREATE TABLE pdf_documents (
        id uuid CONSTRAINT pk_pdf_documents PRIMARY KEY DEFAULT gen_random_uuid(),
        filename text NOT NULL,
        sha256 char(64) NOT NULL,
        byte_size int NOT NULL,
        data bytea NOT NULL,
        page_count int,
        status text NOT NULL DEFAULT 'queued' CONSTRAINT ck_pdf_documents_status CHECK (status IN ('queued','rendering','ready','failed')),
        error text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE pdf_pages (
        pdf_id uuid NOT NULL CONSTRAINT fk_pdf_pages_pdf REFERENCES pdf_documents(id),
        page_number int NOT NULL,
        asset_sha256 char(64) NOT NULL CONSTRAINT fk_pdf_pages_asset REFERENCES assets(sha256),
        width_pt real NOT NULL,
        height_pt real NOT NULL,
        scale real NOT NULL,
        text_items jsonb NOT NULL,
        CONSTRAINT pk_pdf_pages PRIMARY KEY (pdf_id, page_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['pdf_pages', 'pdf_documents', 'rubrics', 'question_images', 'questions', 'passages']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP TRIGGER tr_paper_versions_immutable ON paper_versions`);
    await q.query(`DROP FUNCTION paper_versions_immutable()`);
    for (const t of ['paper_versions', 'papers', 'asset_variants', 'assets']) await q.query(`DROP TABLE ${t}`);
  }
}
