import { AssetEntity, AssetVariantEntity } from '../assets/asset.entities';
import { AuditEventEntity } from '../audit/audit.entity';
import { SessionEntity, UserEntity } from '../auth/auth.entities';
import {
  AttemptEntity,
  RunEntity,
  RunModelEntity,
  RunPaperEntity,
  WorkItemEntity,
} from '../collection/collection.entities';
import { AiModelEntity } from '../models/model.entity';
import {
  PaperEntity,
  PaperVersionEntity,
  PassageEntity,
  QuestionEntity,
  QuestionImageEntity,
  RubricEntity,
} from '../papers/paper.entities';
import { PdfDocumentEntity, PdfPageEntity } from '../pdf-intake/pdf.entities';

export const ENTITIES = [
  AssetEntity,
  AssetVariantEntity,
  PaperEntity,
  PaperVersionEntity,
  PassageEntity,
  QuestionEntity,
  QuestionImageEntity,
  RubricEntity,
  PdfDocumentEntity,
  PdfPageEntity,
  UserEntity,
  SessionEntity,
  AuditEventEntity,
  AiModelEntity,
  RunEntity,
  RunPaperEntity,
  RunModelEntity,
  WorkItemEntity,
  AttemptEntity,
];
