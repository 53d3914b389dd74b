import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-errors';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { PaperVersionEntity, PassageEntity, QuestionEntity, QuestionImageEntity, RubricEntity } from './paper.entities';
import { PapersDraftRepository } from './papers-draft.repository';
import { PaperDetailDto, PaperListItemDto, PaperListQueryDto, PaperSummaryDto, QuestionViewDto } from './papers.dto';

/** The tree of a paper version as stored: questions with their sub-questions, images and passages. */
export interface PaperTree {
  version: PaperVersionEntity;
  questions: (QuestionEntity & {
    images: QuestionImageEntity[];
    passage: string | null;
    rubric: RubricEntity | null;
    subQuestions: PaperTree['questions'];
  })[];
}

@Injectable()
export class PapersService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(PaperVersionEntity) private readonly versions: Repository<PaperVersionEntity>,
    @InjectRepository(QuestionEntity) private readonly questions: Repository<QuestionEntity>,
    private readonly drafts: PapersDraftRepository,
  ) {}

  /**
   * Every paper as the library shows it: its latest published version (its latest draft when none
   * is published), with the newest draft after that beside it.
   */
  async list(query: PaperListQueryDto): Promise<PaperListItemDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.subject) add('v.subject = ?', query.subject);
    if (query.stage) add('v.stage = ?', query.stage);
    if (query.grade) add('v.grade = ?', query.grade);
    if (query.year) add('v.year = ?', query.year);
    if (query.q) add(`v.title ILIKE '%' || ? || '%'`, query.q);
    const rows = await this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (v.paper_id) v.id, v.paper_id, p.slug, v.version, v.content_hash, v.title, v.subject, v.grade,
                v.stage, v.year, v.region, v.language, v.total_points, v.question_count, v.image_question_count, v.status, v.source
         FROM paper_versions v JOIN papers p ON p.id = v.paper_id
         ORDER BY v.paper_id, (v.status = 'published') DESC, v.version DESC) v
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY v.year DESC, v.subject, v.title`,
      params,
    );
    const drafts = await this.drafts.draftsAfter(rows.map((r: Record<string, unknown>) => ({ paperId: r.paper_id, version: r.version })));
    return rows.map((r: Record<string, unknown>) => ({ ...this.mapSummary(r), draft: drafts.get(r.paper_id as string) ?? null }));
  }

  async getDetail(versionId: string): Promise<PaperDetailDto> {
    const tree = await this.getTree(versionId);
    const versions = await this.db.query(
      `SELECT id, version, content_hash, status, created_at FROM paper_versions WHERE paper_id = $1 ORDER BY version DESC`,
      [tree.version.paperId],
    );
    const slug = (await this.db.query(`SELECT slug FROM papers WHERE id = $1`, [tree.version.paperId]))[0].slug;
    return {
      ...this.mapSummary({ ...tree.version, slug, id: tree.version.id }),
      scoringPolicy: tree.version.scoringPolicy,
      versions: versions.map((v: Record<string, unknown>) => ({
        id: v.id,
        version: v.version,
        contentHash: v.content_hash,
        status: v.status,
        createdAt: v.created_at,
      })),
      questions: tree.questions.map((q) => this.mapQuestion(q)),
    };
  }

  /** Loads a version with all its questions in four queries, whatever its size. */
  /** The version row alone; throws 404 when absent. */
  async getVersion(versionId: string): Promise<PaperVersionEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(versionId))
      throw new DomainError(`paper version ${versionId} not found`, 404, undefined, 'paper.not_found');
    const version = await this.versions.findOne({ where: { id: versionId } });
    if (!version) throw new DomainError(`paper version ${versionId} not found`, 404, undefined, 'paper.not_found');
    return version;
  }

  async getTree(versionId: string): Promise<PaperTree> {
    const version = await this.getVersion(versionId);
    const qs = await this.questions.find({ where: { paperVersionId: versionId }, order: { ordinal: 'ASC' } });
    const ids = qs.map((q) => q.id);
    const [images, passages, rubrics] = await Promise.all([
      ids.length ? this.db.getRepository(QuestionImageEntity).find({ where: { questionId: In(ids) }, order: { ordinal: 'ASC' } }) : [],
      this.db.getRepository(PassageEntity).find({ where: { paperVersionId: versionId } }),
      ids.length ? this.db.getRepository(RubricEntity).find({ where: { questionId: In(ids) }, order: { version: 'DESC' } }) : [],
    ]);
    const nodes = new Map(
      qs.map((q) => [
        q.id,
        {
          ...q,
          images: images.filter((i) => i.questionId === q.id),
          passage: passages.find((p) => p.id === q.passageId)?.content ?? null,
          rubric: rubrics.find((r) => r.questionId === q.id) ?? null,
          subQuestions: [] as PaperTree['questions'],
        },
      ]),
    );
    const roots: PaperTree['questions'] = [];
    for (const node of nodes.values()) {
      if (node.parentId) nodes.get(node.parentId)!.subQuestions.push(node);
      else roots.push(node);
    }
    return { version, questions: roots };
  }

  private mapSummary(r: Record<string, unknown>): PaperSummaryDto {
    const pick = (a: string, b: string) => (r[a] ?? r[b]) as never;
    return {
      id: r.id as string,
      slug: r.slug as string,
      version: r.version as number,
      contentHash: pick('content_hash', 'contentHash'),
      title: r.title as string,
      subject: r.subject as string,
      grade: r.grade as number,
      stage: r.stage as string,
      year: r.year as number,
      region: r.region as string,
      language: r.language as string,
      totalPoints: Number(pick('total_points', 'totalPoints')),
      questionCount: pick('question_count', 'questionCount'),
      imageQuestionCount: pick('image_question_count', 'imageQuestionCount'),
      status: r.status as string,
      source: r.source as Record<string, string>,
    };
  }

  /** The person's view of one question of a tree (also the marking screen's). */
  mapQuestion(q: PaperTree['questions'][number]): QuestionViewDto {
    return {
      id: q.id,
      number: q.number,
      sectionTitle: q.sectionTitle,
      type: q.type,
      isObjective: q.isObjective,
      points: q.points,
      stem: q.stem,
      passage: q.passage,
      options: q.options,
      blanks: q.blanks,
      answerKey: q.answerKey,
      referenceAnswer: q.referenceAnswer,
      analysis: q.analysis,
      tags: q.knowledgeTags,
      tolerance: q.tolerance,
      images: q.images.map((i) => ({
        sha256: i.assetSha256,
        url: `/api/assets/${i.assetSha256}`,
        role: i.role,
        optionLabel: i.optionLabel,
        alt: i.alt,
      })),
      rubric: q.rubric
        ? {
            mode: q.rubric.mode,
            startingPoints: q.rubric.startingPoints,
            floor: q.rubric.floorPoints,
            ceiling: q.rubric.ceilingPoints,
            items: q.rubric.items,
            graderNotes: q.rubric.graderNotes,
            samples: q.rubric.samples,
            isDerived: q.rubric.isDerived,
          }
        : null,
      provenance: q.provenance,
      subQuestions: q.subQuestions.map((s) => this.mapQuestion(s)),
    };
  }
}
