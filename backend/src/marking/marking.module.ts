import { Module } from '@nestjs/common';
import { AnswerGroupsController } from './answer-groups.controller';
import { AnswerGroupsRepository } from './answer-groups.repository';
import { AnswerGroupsService } from './answer-groups.service';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { MarkingAdminController, MeController } from './marking-admin.controller';
import { MarkingController } from './marking.controller';
import { MarkingPolicyService } from './marking-policy.service';
import { MarkingQualityController } from './marking-quality.controller';
import { MarkingRubricRepository } from './marking-rubric.repository';
import { MarkingRubricService } from './marking-rubric.service';
import { MarkingMonitorRepository } from './marking-monitor.repository';
import { MarkingMonitorService } from './marking-monitor.service';
import { MarkingReviewRepository } from './marking-review.repository';
import { MarkingReviewService } from './marking-review.service';
import { MarkingService } from './marking.service';
import { MarkingTasksRepository } from './marking-tasks.repository';
import { MarkingViewService } from './marking-view.service';
import { PapersModule } from '../papers/papers.module';

@Module({
  imports: [PapersModule],
  controllers: [
    MarkingController,
    AnswerGroupsController,
    MarkingQualityController,
    MarkingAdminController,
    MeController,
  ],
  providers: [
    MarkingService,
    MarkingViewService,
    AssignmentsService,
    MarkingPolicyService,
    MarkingReviewService,
    MarkingMonitorService,
    MarkingRubricService,
    AnswerGroupsService,
    AnswerGroupsRepository,
    MarkingTasksRepository,
    MarkingReviewRepository,
    MarkingMonitorRepository,
    MarkingRubricRepository,
    AssignmentsRepository,
  ],
  exports: [MarkingService, AssignmentsService],
})
export class MarkingModule {}
