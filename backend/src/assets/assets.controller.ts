import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyRole, CurrentUser, SessionUser } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-errors';
import { AssetsService } from './assets.service';
import { NAMED_PROFILES, namedProfile } from './image-normalize';

@ApiTags('assets')
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get(':sha256')
  // Every role sees some images (papers, marking); which ones is decided per image by what holds it.
  @AnyRole()
  @ApiOperation({
    summary: `An image by content hash, optionally in a named profile (${Object.keys(NAMED_PROFILES).join(', ')})`,
  })
  async get(
    @Param('sha256') sha256: string,
    @Query('profile') profile: string | undefined,
    @CurrentUser() me: SessionUser,
    @Res() res: Response,
  ) {
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new DomainError('sha256 must be 64 hex digits', 400, undefined, 'asset.bad_hash');
    const parsed = profile === undefined ? undefined : namedProfile(profile);
    if (parsed === null) {
      const names = Object.keys(NAMED_PROFILES).join(', ');
      throw new DomainError(
        `profile "${profile}" is not one of: ${names}`,
        400,
        undefined,
        'asset.unknown_profile',
        {
          profile: profile!,
          names,
        },
      );
    }
    const blob = await this.assets.getVisible(sha256, me, parsed);
    // Content-addressed: the bytes behind a URL never change.
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type(blob.mime).send(blob.data);
  }
}
