import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Role, ROLES } from '../auth/roles';

export class UserCreateDto {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9_.-]{3,40}$/, { message: 'username: 3–40 of a-z 0-9 _ . -' }) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(80) displayName: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn([...ROLES], { each: true }) roles: Role[];
}

export class UserUpdateDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(80) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([...ROLES], { each: true })
  roles?: Role[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

export class PasswordResetDto {
  @ApiProperty() @IsString() @MaxLength(200) password: string;
}

export class AssignmentChangeDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ isArray: true }) @IsArray() @ArrayMinSize(1) @IsUUID('all', { each: true }) questionIds: string[];
}

export class AssignmentBulkDto {
  @ApiProperty({ isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsUUID('all', { each: true }) userIds: string[];
  @ApiProperty({ isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @IsUUID('all', { each: true }) questionIds: string[];
}

export class AssignableQuestionsQueryDto {
  @ApiProperty() @IsUUID() paperVersionId: string;
}

/** Both null: remove the override (the question follows the paper; the paper its own policy). */
export class MarkingPolicyDto {
  @ApiPropertyOptional({ enum: ['single', 'double'], nullable: true }) @IsOptional() @IsIn(['single', 'double']) mode:
    'single' | 'double' | null = null;
  @ApiPropertyOptional({ nullable: true, description: 'points two reads may differ by (double marking)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  tolerance: number | null = null;
  @ApiPropertyOptional({ description: 'marks exist: re-resolve the marked answers under the new mode' })
  @IsOptional()
  @IsBoolean()
  reresolve?: boolean;
}
