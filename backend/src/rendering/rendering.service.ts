import { Injectable, NotFoundException } from '@nestjs/common';
import { AssetsService } from '../assets/assets.service';
import { DEFAULT_VISION_PROFILE, ImageProfile, profileKey } from '../assets/image-normalize';
import { PapersService, PaperTree } from '../papers/papers.service';
import { ModelPrompt, RenderableQuestion, renderForModel } from './prompt-render';

export interface RenderedQuestionDto extends ModelPrompt {
  questionId: string;
  number: string;
  imageProfile: string | null;
}

@Injectable()
export class RenderingService {
  constructor(
    private readonly papers: PapersService,
    private readonly assets: AssetsService,
  ) {}

  /** Every top-level question of a paper version as the messages a model receives. */
  async renderPaper(versionId: string, mode: 'text' | 'vision', profile: ImageProfile = DEFAULT_VISION_PROFILE, questionId?: string) {
    const tree = await this.papers.getTree(versionId);
    const roots = questionId ? tree.questions.filter((q) => q.id === questionId) : tree.questions;
    if (questionId && roots.length === 0) throw new NotFoundException(`question ${questionId} is not a top-level question of this paper`);
    const context = {
      title: tree.version.title,
      subject: tree.version.subject,
      language: tree.version.language,
      stage: tree.version.stage,
    };
    const dataUrls = mode === 'vision' ? await this.dataUrls(roots, profile) : new Map<string, string>();
    const questions: RenderedQuestionDto[] = roots.map((q) => ({
      questionId: q.id,
      number: q.number,
      imageProfile: mode === 'vision' ? profileKey(profile) : null,
      ...renderForModel(context, toRenderable(q), mode, dataUrls),
    }));
    return { paperVersionId: versionId, mode, questions };
  }

  private async dataUrls(roots: PaperTree['questions'], profile: ImageProfile): Promise<Map<string, string>> {
    const hashes = new Set(roots.flatMap((q) => [q, ...q.subQuestions]).flatMap((q) => q.images.map((i) => i.assetSha256)));
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
    images: q.images.map((i) => ({ sha256: i.assetSha256, alt: i.alt, optionLabel: i.optionLabel })),
    passage: q.passage,
    subQuestions: q.subQuestions.map(toRenderable),
  };
}
