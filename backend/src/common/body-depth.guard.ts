import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from './domain-errors';
import { MAX_JSON_DEPTH } from './safe-input';

/**
 * Refuses a JSON body nested deeper than MAX_JSON_DEPTH before validation sees it. The body
 * parser copes with any depth, but class-transformer and class-validator recurse, and a 1 MB body
 * of brackets overflowed the stack into a 500 on every route. A guard, because guards run before
 * pipes; the walk keeps its own stack, so measuring cannot overflow either.
 */
@Injectable()
export class BodyDepthGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const body: unknown = ctx.switchToHttp().getRequest().body;
    if (body && typeof body === 'object' && depthOf(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw new DomainError(
        `the request body nests deeper than ${MAX_JSON_DEPTH} levels`,
        400,
        undefined,
        'input.json_too_deep',
        {
          maxDepth: MAX_JSON_DEPTH,
        },
      );
    }
    return true;
  }
}

/** Depth of nested arrays and objects, stopping once past `limit`. */
export function depthOf(root: object, limit: number): number {
  const stack: [unknown, number][] = [[root, 1]];
  let max = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth > max && (max = depth) > limit) return max;
    for (const child of Object.values(value as Record<string, unknown>))
      if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return max;
}
