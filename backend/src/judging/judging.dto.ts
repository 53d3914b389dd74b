import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class JudgeRunCreateDto {
  @ApiProperty({ description: 'a model registered as a judge' }) @IsUUID() judgeModelId: string;
  @ApiPropertyOptional({ description: "judge this run's answers (those queued for marking)" })
  @IsOptional()
  @IsUUID()
  sourceRunId?: string;
  @ApiPropertyOptional({
    description: "or judge this question's answers, from every run and cohort",
  })
  @IsOptional()
  @IsUUID()
  questionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) name?: string;
}

export class JudgementsQueryDto {
  @ApiPropertyOptional({ enum: ['scored', 'failed'] })
  @IsOptional()
  @IsIn(['scored', 'failed'])
  status?: 'scored' | 'failed';
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class JudgeVisibilityDto {
  @ApiProperty({ enum: ['hidden', 'after_own_read', 'seniors_only'] })
  @IsIn(['hidden', 'after_own_read', 'seniors_only'])
  visibility: 'hidden' | 'after_own_read' | 'seniors_only';
}
