import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModelsModule } from '../models/models.module';
import { PapersModule } from '../papers/papers.module';
import { AttemptEntity, RunEntity, RunModelEntity, RunPaperEntity, WorkItemEntity } from './collection.entities';
import { RunnerService } from './runner.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';
import { WorkStore } from './work-store';

@Module({
  imports: [
    TypeOrmModule.forFeature([RunEntity, RunPaperEntity, RunModelEntity, WorkItemEntity, AttemptEntity]),
    ModelsModule,
    PapersModule,
  ],
  controllers: [RunsController],
  providers: [RunsService, RunnerService, WorkStore],
  exports: [RunsService],
})
export class CollectionModule {}
