import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class PasswordChangeDto {
  @ApiProperty() @IsString() @MaxLength(200) currentPassword: string;
  @ApiProperty() @IsString() @MaxLength(200) newPassword: string;
}
