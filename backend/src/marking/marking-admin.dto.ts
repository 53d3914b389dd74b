import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';

export class AssignmentChangeDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID('all', { each: true })
  questionIds: string[];
}

export class AssignmentBulkDto {
  @ApiProperty({ isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  userIds: string[];
  @ApiProperty({ isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  questionIds: string[];
}

export class AssignableQuestionsQueryDto {
  @ApiProperty() @IsUUID() paperVersionId: string;
}

/** Both null: remove the override (the question follows the paper; the paper its own policy). */
export class MarkingPolicyDto {
  @ApiPropertyOptional({ enum: ['single', 'double'], nullable: true })
  @IsOptional()
  @IsIn(['single', 'double'])
  mode: 'single' | 'double' | null = null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'points two reads may differ by (double marking)',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  tolerance: number | null = null;
  @ApiPropertyOptional({
    description: 'marks exist: re-resolve the marked answers under the new mode',
  })
  @IsOptional()
  @IsBoolean()
  reresolve?: boolean;
}
