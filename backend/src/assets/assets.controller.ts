import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyRole } from '../auth/auth.decorators';
import { AssetsService } from './assets.service';
import { parseProfileKey } from './image-normalize';

@ApiTags('assets')
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get(':sha256')
  // Images are needed wherever questions are shown (papers, marking); hashes are unguessable.
  @AnyRole()
  @ApiOperation({ summary: 'An image by content hash, optionally in a profile such as jpeg-1024-q80' })
  async get(@Param('sha256') sha256: string, @Query('profile') profile: string | undefined, @Res() res: Response) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new BadRequestException('sha256 must be 64 hex digits');
    let blob;
    if (profile) {
      const parsed = parseProfileKey(profile);
      if (!parsed) throw new BadRequestException(`profile "${profile}" is not like jpeg-1024-q80`);
      blob = await this.assets.getVariant(sha256, parsed);
    } else blob = await this.assets.getOriginal(sha256);
    // Content-addressed: the bytes behind a URL never change.
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type(blob.mime).send(blob.data);
  }
}
