import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { STAGES, SUBJECTS } from './bundle/bundle.types';

export class PaperListQueryDto {
  @ApiPropertyOptional({ enum: SUBJECTS }) @IsOptional() @IsIn([...SUBJECTS]) subject?: string;
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn([...STAGES]) stage?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(12) grade?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1950) @Max(2100) year?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class PaperImportQueryDto {
  @ApiPropertyOptional({ description: 'Publish the version right after import' })
  @IsOptional()
  @IsIn(['true', 'false'])
  publish?: 'true' | 'false';
}

export interface PaperSummaryDto {
  id: string;
  slug: string;
  version: number;
  contentHash: string;
  title: string;
  subject: string;
  grade: number;
  stage: string;
  year: number;
  region: string;
  language: string;
  totalPoints: number;
  questionCount: number;
  imageQuestionCount: number;
  status: string;
  source: Record<string, string>;
}

/** A library row: the version shown, and a newer draft of the same paper if there is one. */
export interface PaperListItemDto extends PaperSummaryDto {
  draft: { id: string; version: number; contentHash: string; createdAt: Date } | null;
}

export interface QuestionViewDto {
  id: string;
  number: string;
  sectionTitle: string | null;
  type: string;
  isObjective: boolean;
  points: number;
  stem: string;
  passage: string | null;
  options: { label: string; text?: string }[] | null;
  blanks: number | null;
  answerKey: unknown;
  referenceAnswer: string | null;
  analysis: string | null;
  tags: string[];
  tolerance: number | null;
  images: { sha256: string; url: string; role: string; optionLabel: string | null; alt: string | null }[];
  rubric: object | null;
  provenance: object | null;
  subQuestions: QuestionViewDto[];
}

export interface PaperDetailDto extends PaperSummaryDto {
  scoringPolicy: object;
  versions: { id: string; version: number; contentHash: string; status: string; createdAt: Date }[];
  questions: QuestionViewDto[];
}
