import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { JudgeQueryDto, ValidationSampleDto } from './judge-quality.dto';
import { JudgeQualityService } from './judge-quality.service';
import { ValidationSamplesService } from './validation-samples.service';

/** The judge against the teachers, for researchers, admins and seniors (no model names for seniors). */
@ApiTags('judge-quality')
@Controller('judge-quality')
@Roles('researcher', 'admin', 'senior_teacher')
export class JudgeQualityController {
  constructor(
    private readonly quality: JudgeQualityService,
    private readonly samples: ValidationSamplesService,
  ) {}

  @Get('judges')
  @ApiOkResponse({
    description:
      'judges with judgements: judgeModelId, templateVersion, name, isImported, answers, questions',
  })
  judges() {
    return this.quality.judges();
  }

  @Get('questions')
  @ApiOkResponse({
    description:
      'per question the judge read: counts, verdict (validated, code, params), vsFinal, vsReadsOnDouble, humanHuman',
  })
  overview(@Query() q: JudgeQueryDto) {
    return this.quality.overview({ judgeModelId: q.judge, templateVersion: q.template });
  }

  @Get('questions/:questionId')
  @ApiOkResponse({
    description:
      'figures (n, exact, adjacent, qwk, meanDiff, smd, each value + ci) against the final score, the reads, and human–human; verdict; ' +
      'confusion (judge rows × final columns); per-item agreement; slices (researchers, admins); the largest disagreements (blind excerpts)',
  })
  question(
    @Param('questionId', ParseUUIDPipe) questionId: string,
    @Query() q: JudgeQueryDto,
    @CurrentUser() me: SessionUser,
  ) {
    return this.quality.question(
      { judgeModelId: q.judge, templateVersion: q.template },
      questionId,
      me.roles,
    );
  }

  /** A question's validation samples (who asked, when, seed, strata sizes, progress). */
  @Get('questions/:questionId/validation-samples')
  validationSamples(@Param('questionId', ParseUUIDPipe) questionId: string) {
    return this.samples.list(questionId);
  }

  /** Draws a stratified random sample of the question's unread answers; teachers get them first. */
  @Post('questions/:questionId/validation-samples')
  @Roles('researcher', 'admin')
  @ApiOkResponse({
    description: 'id, seed, perStratum, strata [{ stratum, population, sampled }], taskCount',
  })
  requestSample(
    @Param('questionId', ParseUUIDPipe) questionId: string,
    @Body() body: ValidationSampleDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.samples.request(questionId, body.perStratum, body.seed, {
      id: me.id,
      name: me.username,
      address,
    });
  }
}
