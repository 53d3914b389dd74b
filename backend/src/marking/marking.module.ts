import { Module } from '@nestjs/common';
import { AnswerGroupsController } from './answer-groups.controller';
import { AnswerGroupsRepository } from './answer-groups.repository';
import { AnswerGroupsService } from './answer-groups.service';
import { AssignmentsService } from './assignments.service';
import { MarkingAdminController, MeController } from './marking-admin.controller';
import { MarkingController } from './marking.controller';
import { MarkingPolicyService } from './marking-policy.service';
import { MarkingQualityController } from './marking-quality.controller';
import { MarkingRubricService } from './marking-rubric.service';
import { MarkingMonitorService } from './marking-monitor.service';
import { MarkingReviewService } from './marking-review.service';
import { MarkingService } from './marking.service';
import { MarkingViewService } from './marking-view.service';
import { PapersModule } from '../papers/papers.module';

@Module({
  imports: [PapersModule],
  controllers: [MarkingController, AnswerGroupsController, MarkingQualityController, MarkingAdminController, MeController],
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
  ],
  exports: [MarkingService, AssignmentsService],
})
export class MarkingModule {}
