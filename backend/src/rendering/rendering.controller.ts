import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NAMED_PROFILES, namedProfile } from '../assets/image-normalize';
import { Roles } from '../auth/auth.decorators';
import { PAPER_READERS, PAPER_WRITERS } from '../auth/roles';
import { DomainError } from '../common/domain-errors';
import { DraftBundle } from '../papers/bundle/draft-bundle';
import { DraftPreviewDto } from '../papers/papers-draft.dto';
import { RenderQueryDto } from './rendering.dto';
import { RenderingService } from './rendering.service';

/** The exact messages a model receives, under the papers they render (the paths authors know). */
@ApiTags('papers')
@Controller('papers')
export class RenderingController {
  constructor(private readonly rendering: RenderingService) {}

  @Post('drafts/preview')
  @Roles(...PAPER_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'The exact messages a model would receive for one question of an unsaved bundle',
  })
  preview(@Body() body: DraftPreviewDto) {
    return this.rendering.renderDraft(
      body as unknown as DraftBundle,
      body.number,
      body.mode ?? 'vision',
    );
  }

  @Get(':id/render')
  @Roles(...PAPER_READERS)
  @ApiOperation({
    summary: 'The exact chat messages a model receives for each question (text or vision)',
  })
  render(@Param('id', ParseUUIDPipe) id: string, @Query() query: RenderQueryDto) {
    return this.rendering.renderPaper(id, query.mode ?? 'vision', this.profile(query.profile));
  }

  @Get(':id/questions/:questionId/render')
  @Roles(...PAPER_READERS)
  renderQuestion(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('questionId', ParseUUIDPipe) questionId: string,
    @Query() query: RenderQueryDto,
  ) {
    return this.rendering.renderPaper(
      id,
      query.mode ?? 'vision',
      this.profile(query.profile),
      questionId,
    );
  }

  private profile(key?: string) {
    if (!key) return undefined;
    // Named profiles only: every distinct profile is encoded and stored (assets/image-normalize.ts).
    const p = namedProfile(key);
    if (!p) {
      const names = Object.keys(NAMED_PROFILES).join(', ');
      throw new DomainError(
        `profile "${key}" is not one of: ${names}`,
        400,
        undefined,
        'render.unknown_profile',
        { profile: key, names },
      );
    }
    return p;
  }
}
