import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class LeaseDto {
  @ApiProperty({ description: 'The lease token that came with the answer' })
  @IsUUID()
  leaseToken: string;
}

/** A mark's content: rubric items applied or a typed score, an optional adjustment with its comment. */
export class MarkFieldsDto {
  @ApiPropertyOptional({ type: [String], description: 'Rubric item ids applied' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  appliedItems?: string[];
  @ApiPropertyOptional({ description: 'A typed score (score-mode rubrics, or instead of items)' })
  @IsOptional()
  @IsNumber()
  score?: number;
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
  @ApiProperty({ description: 'The lease token that came with the answer' })
  @IsUUID()
  leaseToken: string;
}

export class ProblemDto extends LeaseDto {
  @ApiProperty({ description: 'Why: unreadable, off-topic, suspicious…' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class RubricItemDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{1,20}$/) id: string;
  @ApiProperty({ description: 'Positive or negative' })
  @IsNumber()
  @Min(-100)
  @Max(100)
  points: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) description: string;
  @ApiPropertyOptional({ description: 'One-of group: at most one item of a group applies' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  group?: string;
}

export class RubricDto {
  @ApiProperty({ enum: ['items', 'score'] }) @IsIn(['items', 'score']) mode: 'items' | 'score';
  @ApiProperty() @IsNumber() @Min(-100) @Max(1000) startingPoints: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) floorPoints: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) ceilingPoints: number;
  @ApiProperty({ type: [RubricItemDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => RubricItemDto)
  items: RubricItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) graderNotes?: string;
}

export class RubricSaveDto extends RubricDto {
  @ApiProperty({
    description: 'The version the preview was made against (a stale save is refused with 409)',
  })
  @IsInt()
  @Min(0)
  expectedVersion: number;
}

export class CalibrationDto {
  @ApiProperty({ description: 'The expert score teachers are measured against' })
  @IsNumber()
  @Min(0)
  @Max(1000)
  expertScore: number;
}
