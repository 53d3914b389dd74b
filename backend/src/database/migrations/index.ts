import { CreatePapersAndAssets1764300000000 } from './1764300000000-CreatePapersAndAssets';
import { CreateAccountsAndAudit1764300001000 } from './1764300001000-CreateAccountsAndAudit';
import { CreateModelsAndRuns1764300002000 } from './1764300002000-CreateModelsAndRuns';
import { CreateResponsesGradingMarking1764300003000 } from './1764300003000-CreateResponsesGradingMarking';
import { AddWorkItemLeases1764300004000 } from './1764300004000-AddWorkItemLeases';
import { WorkItemQueueIndexes1764300005000 } from './1764300005000-WorkItemQueueIndexes';
import { GradingCorrectionsAndExtractor1764300006000 } from './1764300006000-GradingCorrectionsAndExtractor';
import { MarkingSkips1764300007000 } from './1764300007000-MarkingSkips';
import { MarkingQueueOrder1764300008000 } from './1764300008000-MarkingQueueOrder';
import { CohortsAndReport1764300009000 } from './1764300009000-CohortsAndReport';
import { MarkingCalibration1764300010000 } from './1764300010000-MarkingCalibration';
import { GradingQueue1764300011000 } from './1764300011000-GradingQueue';
import { GraderQueuesUnparsed1764300012000 } from './1764300012000-GraderQueuesUnparsed';
import { MarkingRuleCodes1764300020000 } from './1764300020000-MarkingRuleCodes';
import { MarkingPolicyOverrides1764300030000 } from './1764300030000-MarkingPolicyOverrides';
import { MarkAuditView1764300030100 } from './1764300030100-MarkAuditView';
import { InstallSettings1764300050000 } from './1764300050000-InstallSettings';
import { LoginAttemptsKeyed1764300060000 } from './1764300060000-LoginAttemptsKeyed';
import { GradeReasonCodes1764300070000 } from './1764300070000-GradeReasonCodes';
import { PaperVersionBundles1764300081000 } from './1764300081000-PaperVersionBundles';
import { JudgeReads1764300090000 } from './1764300090000-JudgeReads';
import { JudgeWork1764300091000 } from './1764300091000-JudgeWork';
import { JudgeReadProvenance1764300092000 } from './1764300092000-JudgeReadProvenance';
import { ValidationSamples1764300095000 } from './1764300095000-ValidationSamples';
import { MarkingGroupSplits1764300096500 } from './1764300096500-MarkingGroupSplits';
import { EvaluationRounds1764300097000 } from './1764300097000-EvaluationRounds';
import { LandedMigrationEdits1764300098000 } from './1764300098000-LandedMigrationEdits';
import { SimulatedModels1764300099000 } from './1764300099000-SimulatedModels';

/** Explicit list, in order: no glob, so the build and jest see the same migrations. */
export const MIGRATIONS = [
  CreatePapersAndAssets1764300000000,
  CreateAccountsAndAudit1764300001000,
  CreateModelsAndRuns1764300002000,
  CreateResponsesGradingMarking1764300003000,
  AddWorkItemLeases1764300004000,
  WorkItemQueueIndexes1764300005000,
  GradingCorrectionsAndExtractor1764300006000,
  MarkingSkips1764300007000,
  MarkingQueueOrder1764300008000,
  CohortsAndReport1764300009000,
  MarkingCalibration1764300010000,
  GradingQueue1764300011000,
  GraderQueuesUnparsed1764300012000,
  MarkingRuleCodes1764300020000,
  MarkingPolicyOverrides1764300030000,
  MarkAuditView1764300030100,
  InstallSettings1764300050000,
  LoginAttemptsKeyed1764300060000,
  GradeReasonCodes1764300070000,
  PaperVersionBundles1764300081000,
  JudgeReads1764300090000,
  JudgeWork1764300091000,
  JudgeReadProvenance1764300092000,
  ValidationSamples1764300095000,
  MarkingGroupSplits1764300096500,
  EvaluationRounds1764300097000,
  LandedMigrationEdits1764300098000,
  SimulatedModels1764300099000,
];
