import {
  CST,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseDocument,
  Parser,
} from 'yaml';
import { BundleError } from './bundle.types';

/** A paper nests about 8 levels deep; past this it is a mistake or an attack on the (recursive) composer. */
export const MAX_NESTING = 64;
/** Aliases (`*name`) a file may resolve: a few are handy, thousands are an expansion bomb. */
export const MAX_ALIASES = 50;

/**
 * A parsed YAML (or JSON, which YAML 1.2 reads too) file that can say on which line any
 * JSON path lives, so validation errors point an author at the exact place to fix.
 */
export class SourceDocument {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly root: Node | null,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text`; returns the syntax errors instead when the file is not well-formed. */
  static parse(file: string, text: string): SourceDocument | BundleError[] {
    const lines = new LineCounter();
    const deep = tooDeep(text);
    if (deep) {
      lines.addNewLine(0);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
        lines.addNewLine(i + 1);
      const line = lines.linePos(deep.offset).line;
      return [
        {
          file,
          line,
          path: '',
          code: 'bundle.too_deep',
          params: { file, line, max: MAX_NESTING },
          message: `nests deeper than ${MAX_NESTING} levels (from line ${line}); a paper needs far fewer`,
        },
      ];
    }
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return doc.errors.map((e) => ({
        file,
        line: lines.linePos(e.pos[0]).line,
        path: '',
        code: 'bundle.syntax',
        params: { file, line: lines.linePos(e.pos[0]).line, detail: e.message.split('\n')[0] },
        message: `syntax error: ${e.message.split('\n')[0]}`,
      }));
    }
    let value: unknown;
    try {
      // yaml counts alias resolutions itself and throws past the limit (exponential "billion laughs").
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      const isAliasBomb = e instanceof ReferenceError || /alias/i.test((e as Error).message);
      return [
        {
          file,
          path: '',
          code: isAliasBomb ? 'bundle.alias_limit' : 'bundle.unreadable',
          params: { file, max: MAX_ALIASES },
          message: isAliasBomb
            ? `uses YAML aliases (*name) so often that it would expand without bound; write the content out (at most ${MAX_ALIASES} alias uses)`
            : `cannot be read (${(e as Error).message})`,
        },
      ];
    }
    return new SourceDocument(file, value, (doc.contents as Node) ?? null, lines);
  }

  /** The 1-based line of the deepest node that exists along `path`. */
  lineOf(path: (string | number)[]): number | undefined {
    let node: unknown = this.root;
    let line = this.lineAt(node);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (!pair) break;
        // The key's line, not the value's: a nested map's value starts on the next line.
        line = this.lineAt(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(seg)];
        if (!node) break;
        line = this.lineAt(node) ?? line;
      } else break;
    }
    return line;
  }

  private lineAt(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }
}

/**
 * The first collection nested past MAX_NESTING, found on yaml's concrete syntax tree. Its parser
 * keeps an explicit stack, so it copes with any depth; the composer and everything after it
 * (schema, hashing, jsonb) recurse, and only see files that passed this check.
 */
function tooDeep(text: string): { offset: number } | null {
  const stack: [CST.Token, number][] = [];
  for (const token of new Parser().parse(text)) stack.push([token, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    const isCollection =
      token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    const here = depth + (isCollection ? 1 : 0);
    if (here > MAX_NESTING) return { offset: token.offset };
    const t = token as {
      items?: { key?: CST.Token | null; value?: CST.Token | null }[];
      value?: CST.Token;
    };
    for (const item of t.items ?? []) {
      if (item.key) stack.push([item.key, here]);
      if (item.value) stack.push([item.value, here]);
    }
    if (t.value && typeof t.value === 'object') stack.push([t.value, here]);
  }
  return null;
}

/** Splits an ajv/JSON-pointer path ("/sections/0/questions/3") into segments. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Renders a path as `sections[0].questions[3].answer` for humans. */
export function pathToString(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}
