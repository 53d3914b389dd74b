import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';

export class PdfCropDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(20000) x: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(20000) y: number;
  @ApiProperty() @IsNumber() @Min(4) @Max(20000) width: number;
  @ApiProperty() @IsNumber() @Min(4) @Max(20000) height: number;
}
