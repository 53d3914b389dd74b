import { Injectable } from '@nestjs/common';
import { AssetsService } from '../assets/assets.service';
import { DEFAULT_VISION_PROFILE, ImageProfile, profileKey } from '../assets/image-normalize';
import { DomainError } from '../common/domain-errors';
import { DraftBundle, findTopQuestion } from '../papers/bundle/draft-bundle';
import { PapersDraftService } from '../papers/papers-draft.service';
import { PapersService, PaperTree } from '../papers/papers.service';
import { draftRenderable } from './draft-renderable';
import { RenderableQuestion, renderForModel } from './prompt-render';
import type { RenderedQuestion as RenderedQuestionDto } from '@yuejuan/contracts';

export type { RenderedQuestion as RenderedQuestionDto } from '@yuejuan/contracts';

@Injectable()
export class RenderingService {
  constructor(
    private readonly papers: PapersService,
    private readonly drafts: PapersDraftService,
    private readonly assets: AssetsService,
  ) {}

  /** Every top-level question of a paper version as the messages a model receives. */
  async renderPaper(
    versionId: string,
    mode: 'text' | 'vision',
    profile: ImageProfile = DEFAULT_VISION_PROFILE,
    questionId?: string,
  ) {
    const tree = await this.papers.getTree(versionId);
    const roots = questionId ? tree.questions.filter((q) => q.id === questionId) : tree.questions;
    if (questionId && roots.length === 0) {
      throw new DomainError(
        `question ${questionId} is not a top-level question of this paper`,
        404,
        undefined,
        'render.question_not_found',
        {
          questionId,
        },
      );
    }
    const context = {
      title: tree.version.title,
      subject: tree.version.subject,
      language: tree.version.language,
      stage: tree.version.stage,
    };
    const dataUrls =
      mode === 'vision' ? await this.dataUrls(roots, profile) : new Map<string, string>();
    const questions: RenderedQuestionDto[] = roots.map((q) => ({
      questionId: q.id,
      number: q.number,
      imageProfile: mode === 'vision' ? profileKey(profile) : null,
      ...renderForModel(context, toRenderable(q), mode, dataUrls),
    }));
    return { paperVersionId: versionId, mode, questions };
  }

  /** The messages a model would receive for one question of an unsaved draft. */
  async renderDraft(draft: DraftBundle, number: string, mode: 'text' | 'vision') {
    const paper = draft.paper;
    const q = findTopQuestion(paper, number);
    if (!q) return { mode, questions: [] };
    const assetOf = await this.drafts.imageAssets(draft);
    const passages = new Map((paper.passages ?? []).map((p) => [p.id, p.content]));
    const renderable = draftRenderable(q, passages, assetOf);
    const hashes = [renderable, ...renderable.subQuestions].flatMap((x) =>
      x.images.map((i) => i.sha256),
    );
    const dataUrls =
      mode === 'vision'
        ? await this.variants(hashes, DEFAULT_VISION_PROFILE)
        : new Map<string, string>();
    const context = {
      title: paper.title ?? '',
      subject: paper.subject ?? 'other',
      language: paper.language ?? 'zh',
    };
    const prompt = renderForModel(context, renderable, mode, dataUrls);
    const imageProfile = mode === 'vision' ? profileKey(DEFAULT_VISION_PROFILE) : null;
    return {
      mode,
      questions: [{ questionId: `draft:${q.number}`, number: q.number, imageProfile, ...prompt }],
    };
  }

  private dataUrls(
    roots: PaperTree['questions'],
    profile: ImageProfile,
  ): Promise<Map<string, string>> {
    return this.variants(
      roots
        .flatMap((q) => [q, ...q.subQuestions])
        .flatMap((q) => q.images.map((i) => i.assetSha256)),
      profile,
    );
  }

  /** Each image as a data URL of its variant for the profile (encoded once, then cached in storage). */
  private async variants(shas: string[], profile: ImageProfile): Promise<Map<string, string>> {
    const hashes = new Set(shas);
    const out = new Map<string, string>();
    await Promise.all(
      [...hashes].map(async (sha) => {
        const v = await this.assets.getVariant(sha, profile);
        out.set(sha, `data:${v.mime};base64,${v.data.toString('base64')}`);
      }),
    );
    return out;
  }
}

function toRenderable(q: PaperTree['questions'][number]): RenderableQuestion {
  return {
    number: q.number,
    type: q.type,
    points: q.points,
    stem: q.stem,
    options: q.options,
    blanks: q.blanks,
    images: q.images.map((i) => ({
      sha256: i.assetSha256,
      alt: i.alt,
      optionLabel: i.optionLabel,
    })),
    passage: q.passage,
    subQuestions: q.subQuestions.map(toRenderable),
  };
}
