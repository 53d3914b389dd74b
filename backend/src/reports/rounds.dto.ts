import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

export class RoundCreateDto {
  @ApiProperty({ example: '2024 秋冬' }) @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ example: '2024-12-01', description: 'the date of the evaluation' })
  @IsISO8601({ strict: true }, { message: 'heldOn must be a date, YYYY-MM-DD' })
  heldOn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
  @ApiPropertyOptional({
    isArray: true,
    type: String,
    description: 'runs in the round (each run in at most one round)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  runIds?: string[];
}

export class RoundUpdateDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'heldOn must be a date, YYYY-MM-DD' })
  heldOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
  @ApiPropertyOptional({ isArray: true, type: String, description: 'replaces the round’s runs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  runIds?: string[];
}
