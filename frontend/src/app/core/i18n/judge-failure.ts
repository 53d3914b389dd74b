/**
 * Every parameter of a failed judgement's wording (judge.failure.<code>), as "…": where a reason is
 * named without the answer it happened on (counts per reason, the seniors' desk), its numbers are not shown.
 */
export const ANY_PARAMS = {
  item: '…',
  items: '…',
  group: '…',
  total: '…',
  max: '…',
  expected: '…',
  adjustment: '…',
  error: '…',
};
