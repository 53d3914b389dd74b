import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  PaperEntity,
  PaperVersionEntity,
  PassageEntity,
  QuestionEntity,
  QuestionImageEntity,
  RubricEntity,
} from './paper.entities';

/** The library's filters of the shown version of each paper. */
export interface PaperFilters {
  subject?: string;
  stage?: string;
  grade?: number;
  year?: number;
  /** A part of the title, case-insensitive. */
  q?: string;
}

/** The shown version of a paper as the library lists it (snake_case as the database names it). */
export interface PaperSummaryRow {
  id: string;
  paper_id: string;
  slug: string;
  version: number;
  content_hash: string;
  title: string;
  subject: string;
  grade: number;
  stage: string;
  year: number;
  region: string;
  language: string;
  total_points: string | number;
  question_count: number;
  image_question_count: number;
  status: string;
  source: Record<string, string>;
}

export interface VersionListRow {
  id: string;
  version: number;
  contentHash: string;
  status: string;
  createdAt: Date;
}

/** The rows a version's tree is built from, each list in its stored order. */
export interface PaperRows {
  questions: QuestionEntity[];
  images: QuestionImageEntity[];
  passages: PassageEntity[];
  rubrics: RubricEntity[];
}

/** A new version's rows, ready to write: the service decided every value. */
export interface NewVersionRows {
  version: Partial<PaperVersionEntity>;
  passages: { key: string; title: string | null; content: string }[];
  /** In order; a parent before its sub-questions. `parentKey` and `passageKey` name rows of this same version. */
  questions: {
    key: number;
    parentKey: number | null;
    passageKey: string | null;
    row: Partial<QuestionEntity>;
    images: Partial<QuestionImageEntity>[];
  }[];
  /** Rubrics by the question number they belong to. */
  rubrics: (Partial<RubricEntity> & { questionNumber: string })[];
}

/** Papers and their versions: the library's list, a version's tree, and the writes of an import and a publish. */
@Injectable()
export class PapersRepository {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(PaperVersionEntity) private readonly versions: Repository<PaperVersionEntity>,
    @InjectRepository(QuestionEntity) private readonly questions: Repository<QuestionEntity>,
  ) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * The latest published version of each paper (its latest draft when none is published), filtered.
   * Raw SQL: DISTINCT ON picks one version per paper before the filters apply, which TypeORM cannot say.
   */
  async listShown(f: PaperFilters): Promise<PaperSummaryRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.subject) add('v.subject = ?', f.subject);
    if (f.stage) add('v.stage = ?', f.stage);
    if (f.grade) add('v.grade = ?', f.grade);
    if (f.year) add('v.year = ?', f.year);
    if (f.q) add(`v.title ILIKE '%' || ? || '%'`, f.q);
    return this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (v.paper_id) v.id, v.paper_id, p.slug, v.version, v.content_hash, v.title, v.subject, v.grade,
                v.stage, v.year, v.region, v.language, v.total_points, v.question_count, v.image_question_count, v.status, v.source
         FROM paper_versions v JOIN papers p ON p.id = v.paper_id
         ORDER BY v.paper_id, (v.status = 'published') DESC, v.version DESC) v
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY v.year DESC, v.subject, v.title`,
      params,
    );
  }

  /** Every version of a paper, newest first. */
  async versionsOf(paperId: string): Promise<VersionListRow[]> {
    const rows = await this.versions.find({ where: { paperId }, order: { version: 'DESC' } });
    return rows.map((v) => ({
      id: v.id,
      version: v.version,
      contentHash: v.contentHash,
      status: v.status,
      createdAt: v.createdAt,
    }));
  }

  async slugOf(paperId: string): Promise<string> {
    return (await this.db.getRepository(PaperEntity).findOneByOrFail({ id: paperId })).slug;
  }

  /**
   * The latest version of each paper named by slug or version id (the CLI's references). Raw SQL:
   * DISTINCT ON over a match on either name.
   */
  latestVersionsOf(refs: string[]): Promise<{ id: string; slug: string }[]> {
    return this.db.query(
      `SELECT DISTINCT ON (p.slug) v.id, p.slug FROM paper_versions v JOIN papers p ON p.id = v.paper_id
       WHERE p.slug = ANY($1) OR v.id::text = ANY($1) ORDER BY p.slug, v.version DESC`,
      [refs],
    );
  }

  paperCount(): Promise<number> {
    return this.db.getRepository(PaperEntity).count();
  }

  findVersion(id: string): Promise<PaperVersionEntity | null> {
    return this.versions.findOne({ where: { id } });
  }

  findByHash(contentHash: string, m?: EntityManager): Promise<PaperVersionEntity | null> {
    return (m ?? this.db.manager).findOne(PaperVersionEntity, { where: { contentHash } });
  }

  /** A version's questions (by ordinal), their images (by ordinal), its passages, and each question's rubrics (newest first). */
  async rowsOf(versionId: string): Promise<PaperRows> {
    const questions = await this.questions.find({
      where: { paperVersionId: versionId },
      order: { ordinal: 'ASC' },
    });
    const ids = questions.map((q) => q.id);
    const [images, passages, rubrics] = await Promise.all([
      ids.length
        ? this.db
            .getRepository(QuestionImageEntity)
            .find({ where: { questionId: In(ids) }, order: { ordinal: 'ASC' } })
        : [],
      this.db.getRepository(PassageEntity).find({ where: { paperVersionId: versionId } }),
      ids.length
        ? this.db
            .getRepository(RubricEntity)
            .find({ where: { questionId: In(ids) }, order: { version: 'DESC' } })
        : [],
    ]);
    return { questions, images, passages, rubrics };
  }

  /** Imports of one paper wait for each other until commit. Raw SQL: an advisory lock on the slug. */
  async lockPaper(m: EntityManager, slug: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [slug]);
  }

  /** The paper of this slug (created when new) and the number its next version takes. */
  async ensurePaper(
    m: EntityManager,
    slug: string,
  ): Promise<{ paperId: string; nextVersion: number }> {
    await m.createQueryBuilder().insert().into(PaperEntity).values({ slug }).orIgnore().execute();
    const paper = await m.findOneOrFail(PaperEntity, { where: { slug } });
    const { max } = await m
      .createQueryBuilder(PaperVersionEntity, 'v')
      .select('COALESCE(MAX(v.version), 0)', 'max')
      .where('v.paper_id = :id', { id: paper.id })
      .getRawOne();
    return { paperId: paper.id, nextVersion: Number(max) + 1 };
  }

  /** Writes a version with its passages, questions, images and rubrics. */
  async insertVersion(m: EntityManager, rows: NewVersionRows): Promise<PaperVersionEntity> {
    const version = await m.save(m.create(PaperVersionEntity, rows.version));
    const passageIds = new Map<string, string>();
    for (const p of rows.passages) {
      const saved = await m.save(m.create(PassageEntity, { paperVersionId: version.id, ...p }));
      passageIds.set(p.key, saved.id);
    }
    const ids = new Map<number, string>();
    const byNumber = new Map<string, string>();
    const imageRows: Partial<QuestionImageEntity>[] = [];
    for (const q of rows.questions) {
      const saved = await m.save(
        m.create(QuestionEntity, {
          ...q.row,
          paperVersionId: version.id,
          parentId: q.parentKey === null ? null : ids.get(q.parentKey)!,
          passageId: q.passageKey ? passageIds.get(q.passageKey)! : null,
        }),
      );
      ids.set(q.key, saved.id);
      byNumber.set(saved.number, saved.id);
      imageRows.push(...q.images.map((img) => ({ ...img, questionId: saved.id })));
    }
    if (imageRows.length) await m.insert(QuestionImageEntity, imageRows);
    const rubrics = rows.rubrics.map(({ questionNumber, ...r }) => ({
      ...r,
      questionId: byNumber.get(questionNumber)!,
    }));
    if (rubrics.length) await m.insert(RubricEntity, rubrics);
    return version;
  }

  /** The version locked for update (a publish decides on it). */
  lockVersion(m: EntityManager, id: string): Promise<PaperVersionEntity | null> {
    return m
      .getRepository(PaperVersionEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  newestVersion(m: EntityManager, paperId: string): Promise<number | null> {
    return m.getRepository(PaperVersionEntity).maximum('version', { paperId });
  }

  /** Publishes the version if it is a draft; true when it was. */
  async markPublished(m: EntityManager, id: string): Promise<boolean> {
    const { affected } = await m
      .createQueryBuilder()
      .update(PaperVersionEntity)
      .set({ status: 'published', publishedAt: () => 'now()' })
      .where('id = :id AND status = :draft', { id, draft: 'draft' })
      .execute();
    return Boolean(affected);
  }
}
