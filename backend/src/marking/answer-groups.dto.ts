import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';
import { GROUP_LEASE_MAX } from './domain/answer-groups';
import { LeaseDto, MarkDto } from './marking.dto';

/** One read of a group: the mark's fields, the lease, and the answers the teacher saw in it. */
export class GroupMarkDto extends MarkDto {
  @ApiProperty({
    type: [String],
    description: 'The answers (task ids) the group showed, after any split',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GROUP_LEASE_MAX)
  @Matches(/^\d{1,18}$/, { each: true })
  taskIds: string[];
}

export class GroupSplitDto extends LeaseDto {
  @ApiProperty({ description: 'The answer (task id) to take out of the group' })
  @Matches(/^\d{1,18}$/)
  taskId: string;
}

export { LeaseDto as GroupLeaseDto };
