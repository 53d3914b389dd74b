import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { PaperDetail, PaperListItem, PaperSummary, QuestionView } from '@yuejuan/contracts';
import { STAGES, SUBJECTS } from './bundle/bundle.types';

export class PaperListQueryDto {
  @ApiPropertyOptional({ enum: SUBJECTS }) @IsOptional() @IsIn([...SUBJECTS]) subject?: string;
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn([...STAGES]) stage?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(12) grade?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1950)
  @Max(2100)
  year?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class PaperImportQueryDto {
  @ApiPropertyOptional({ description: 'Publish the version right after import' })
  @IsOptional()
  @IsIn(['true', 'false'])
  publish?: 'true' | 'false';
}

/** The papers API's answers, defined once in @yuejuan/contracts; the server's times are Dates. */
export type PaperSummaryDto = PaperSummary;
export type PaperListItemDto = PaperListItem<Date>;
export type QuestionViewDto = QuestionView;
export type PaperDetailDto = PaperDetail<Date>;
