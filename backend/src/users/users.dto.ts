import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role, ROLES } from '../auth/roles';

export class UserCreateDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-z0-9_.-]{3,40}$/, { message: 'username: 3–40 of a-z 0-9 _ . -' })
  username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(80) displayName: string;
  @ApiProperty() @IsString() @MaxLength(200) password: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([...ROLES], { each: true })
  roles: Role[];
}

export class UserUpdateDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  displayName?: string;
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
