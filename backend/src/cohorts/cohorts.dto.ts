import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class CohortImportDto {
  @ApiProperty() @IsUUID() paperVersionId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) name: string;
}

export class CohortSyntheticDto {
  @ApiProperty() @IsUUID() paperVersionId: string;
  @ApiPropertyOptional({ minimum: 10, maximum: 20000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(20000)
  students?: number;
}

export class CohortListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() paperVersionId?: string;
}
