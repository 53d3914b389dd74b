import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class LeaseDto {
  @ApiProperty({ description: 'The lease token that came with the answer' }) @IsUUID() leaseToken: string;
}

/** A mark's content: rubric items applied or a typed score, an optional adjustment with its comment. */
export class MarkFieldsDto {
  @ApiPropertyOptional({ type: [String], description: 'Rubric item ids applied' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  appliedItems?: string[];
  @ApiPropertyOptional({ description: 'A typed score (score-mode rubrics, or instead of items)' }) @IsOptional() @IsNumber() score?: number;
  @ApiPropertyOptional({ description: 'Added after the clamp; needs a comment' })
  @IsOptional()
  @IsNumber()
  @Min(-100)
  @Max(100)
  adjustment?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(86400) secondsSpent?: number;
}

export class MarkDto extends MarkFieldsDto {
  @ApiProperty({ description: 'The lease token that came with the answer' }) @IsUUID() leaseToken: string;
}

export class ProblemDto extends LeaseDto {
  @ApiProperty({ description: 'Why: unreadable, off-topic, suspicious…' }) @IsString() @MinLength(2) @MaxLength(500) reason: string;
}
