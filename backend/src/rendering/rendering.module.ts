import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { PapersModule } from '../papers/papers.module';
import { RenderingController } from './rendering.controller';
import { RenderingService } from './rendering.service';

/** Papers as the messages a model receives: stored versions and unsaved drafts, one renderer. */
@Module({
  imports: [PapersModule, AssetsModule],
  controllers: [RenderingController],
  providers: [RenderingService],
  exports: [RenderingService],
})
export class RenderingModule {}
