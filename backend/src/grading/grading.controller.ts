import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-errors';
import { Pipeline } from '../jobs/pipeline';
import { gradeBatch, parseBatch } from './domain/batch';
import { KeyCorrectionDto, RegradeDto } from './grading.dto';
import { GradingService } from './grading.service';
import { KeyCorrectionsService } from './key-corrections.service';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

@ApiTags('grading')
@Controller('grading')
export class GradingController {
  constructor(
    private readonly grading: GradingService,
    private readonly corrections: KeyCorrectionsService,
    private readonly pipeline: Pipeline,
  ) {}

  /** A re-grade's answer promises its state: answers it made unparsed are in the marking queue when it returns. */
  private async settled<T>(result: Promise<T>): Promise<T> {
    const r = await result;
    await this.pipeline.settle();
    return r;
  }

  /** The standalone batch grader: JSONL in (question inline + response per line), JSONL out. No database. */
  @Post('batch')
  @HttpCode(200)
  @Roles('admin', 'author', 'researcher')
  @ApiConsumes('application/x-ndjson')
  @ApiProduces('application/x-ndjson')
  @ApiBody({
    description:
      'One JSON object per line: {"id", "question": {type, options, key, points, policy?, blanks?, subQuestions?}, "response"}',
  })
  batch(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    if (typeof req.body !== 'string')
      throw new DomainError(
        'send the lines as JSONL with Content-Type application/x-ndjson (one JSON object per line)',
        415,
      );
    const { lines, errors } = parseBatch(req.body);
    if (errors.length) {
      const first = errors[0];
      throw new DomainError(
        `batch rejected, nothing graded: ${errors.length} problem(s); first: line ${first.line} ${first.field} ${first.message}`.trim(),
        400,
        errors,
      );
    }
    // Set here, not by a decorator: an error must still answer as JSON.
    res.type('application/x-ndjson; charset=utf-8');
    return gradeBatch(lines)
      .map((r) => `${JSON.stringify(r)}\n`)
      .join('');
  }

  /** Re-grades stored answers with the current keys and grader (no model calls); reports what changed. */
  @Post('regrade')
  @HttpCode(200)
  @Roles('admin', 'researcher')
  regrade(
    @Body() body: RegradeDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    if (!body.runId && !body.questionIds?.length)
      throw new DomainError('name a runId or questionIds to re-grade', 400);
    return this.settled(this.grading.regrade(body, actorOf(me, address)));
  }

  /** An erratum to a published key or scoring rule: appended, audited, and applied by re-grading at once. */
  @Post('key-corrections')
  @HttpCode(201)
  @Roles('admin', 'author')
  correct(
    @Body() body: KeyCorrectionDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.settled(this.corrections.correct(body, actorOf(me, address)));
  }
}
