import { Global, Module } from '@nestjs/common';
import { CollectionModule } from '../collection/collection.module';
import { GradingModule } from '../grading/grading.module';
import { Pipeline } from '../jobs/pipeline';
import { MarkingModule } from '../marking/marking.module';
import { DemoSeedService } from './demo-seed.service';
import { MarkingDueRepository } from './marking-due.repository';
import { WorkerService } from './worker.service';

/**
 * The pipeline's schedules and the Pipeline every stage signals through. Global: importers and
 * controllers below it inject the abstract Pipeline (jobs/pipeline.ts) without importing this module.
 */
@Global()
@Module({
  imports: [CollectionModule, GradingModule, MarkingModule],
  providers: [
    WorkerService,
    MarkingDueRepository,
    DemoSeedService,
    { provide: Pipeline, useExisting: WorkerService },
  ],
  exports: [Pipeline, WorkerService, DemoSeedService],
})
export class WorkerModule {}
