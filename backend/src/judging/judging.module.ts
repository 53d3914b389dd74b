import { Module } from '@nestjs/common';
import { CollectionModule } from '../collection/collection.module';
import { ModelsModule } from '../models/models.module';
import { PapersModule } from '../papers/papers.module';
import { RenderingModule } from '../rendering/rendering.module';
import { JudgeImportRepository } from './judge-import.repository';
import { JudgeImportService } from './judge-import.service';
import { JudgeReadsRepository } from './judge-reads.repository';
import { JudgeReadsService } from './judge-reads.service';
import { JudgeRunsRepository } from './judge-runs.repository';
import { JudgeRunsService } from './judge-runs.service';
import { JudgeWorkRepository } from './judge-work.repository';
import { JudgeWorkService } from './judge-work.service';
import { JudgingController, MarkingJudgeController } from './judging.controller';

/** The LLM judge: a reader that marks like a teacher, through the collection machinery, kept apart from teachers' marks. */
@Module({
  imports: [CollectionModule, ModelsModule, PapersModule, RenderingModule],
  controllers: [JudgingController, MarkingJudgeController],
  providers: [
    JudgeWorkService,
    JudgeWorkRepository,
    JudgeRunsService,
    JudgeRunsRepository,
    JudgeReadsService,
    JudgeReadsRepository,
    JudgeImportService,
    JudgeImportRepository,
  ],
  exports: [JudgeImportService],
})
export class JudgingModule {}
