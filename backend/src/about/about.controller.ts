import { Controller, Get } from '@nestjs/common';
import { DomainError } from '../common/domain-errors';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Public } from '../auth/auth.decorators';

/** The repository root, from src/about (tests) and dist/about (the server) alike. */
const NOTICE = resolve(__dirname, '../../..', 'NOTICE');

/**
 * The about page's content: the repository's NOTICE as it is, so the page and the file never
 * disagree (the sample build writes NOTICE from the datasets it ships). Public: it is the same
 * text anyone cloning the repository reads, and attribution should not need an account.
 */
@ApiTags('about')
@Controller('about')
export class AboutController {
  private notice: string | null = null;

  @Get('notice')
  @Public()
  @ApiOperation({
    summary:
      "The project's licence and every shipped dataset with its licence and source (the NOTICE file)",
  })
  get() {
    if (this.notice === null) {
      if (!existsSync(NOTICE))
        throw new DomainError(
          'NOTICE is missing from this installation',
          404,
          undefined,
          'about.notice_missing',
        );
      this.notice = readFileSync(NOTICE, 'utf8');
    }
    return { licence: 'MIT', notice: this.notice };
  }
}
