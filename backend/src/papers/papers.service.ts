import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-errors';
import {
  PaperVersionEntity,
  QuestionEntity,
  QuestionImageEntity,
  RubricEntity,
} from './paper.entities';
import { PapersDraftRepository } from './papers-draft.repository';
import { PapersRepository } from './papers.repository';
import {
  PaperDetailDto,
  PaperListItemDto,
  PaperListQueryDto,
  PaperSummaryDto,
  QuestionViewDto,
} from './papers.dto';

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
    private readonly papers: PapersRepository,
    private readonly drafts: PapersDraftRepository,
  ) {}

  /**
   * Every paper as the library shows it: its latest published version (its latest draft when none
   * is published), with the newest draft after that beside it.
   */
  async list(query: PaperListQueryDto): Promise<PaperListItemDto[]> {
    const rows = await this.papers.listShown(query);
    const drafts = await this.drafts.draftsAfter(
      rows.map((r) => ({ paperId: r.paper_id, version: r.version })),
    );
    return rows.map((r) => ({
      ...this.mapSummary({ ...r }),
      draft: drafts.get(r.paper_id) ?? null,
    }));
  }

  async getDetail(versionId: string): Promise<PaperDetailDto> {
    const tree = await this.getTree(versionId);
    const versions = await this.papers.versionsOf(tree.version.paperId);
    const slug = await this.papers.slugOf(tree.version.paperId);
    return {
      ...this.mapSummary({ ...tree.version, slug, id: tree.version.id }),
      scoringPolicy: tree.version.scoringPolicy,
      versions,
      questions: tree.questions.map((q) => this.mapQuestion(q)),
    };
  }

  /** The latest version of each paper named by slug or version id (the CLI's references); unknown names are left out. */
  latestVersionsOf(refs: string[]): Promise<{ id: string; slug: string }[]> {
    return this.papers.latestVersionsOf(refs);
  }

  /** The version row alone; throws 404 when absent. */
  async getVersion(versionId: string): Promise<PaperVersionEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(versionId))
      throw new DomainError(
        `paper version ${versionId} not found`,
        404,
        undefined,
        'paper.not_found',
      );
    const version = await this.papers.findVersion(versionId);
    if (!version)
      throw new DomainError(
        `paper version ${versionId} not found`,
        404,
        undefined,
        'paper.not_found',
      );
    return version;
  }

  /** Loads a version with all its questions in four queries, whatever its size. */
  async getTree(versionId: string): Promise<PaperTree> {
    const version = await this.getVersion(versionId);
    const { questions: qs, images, passages, rubrics } = await this.papers.rowsOf(versionId);
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
