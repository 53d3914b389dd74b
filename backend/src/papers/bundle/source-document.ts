import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { BundleError } from './bundle.types';

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
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return doc.errors.map((e) => ({
        file,
        line: lines.linePos(e.pos[0]).line,
        path: '',
        message: `syntax error: ${e.message.split('\n')[0]}`,
      }));
    }
    return new SourceDocument(file, doc.toJS({ maxAliasCount: 50 }), (doc.contents as Node) ?? null, lines);
  }

  /** The 1-based line of the deepest node that exists along `path`. */
  lineOf(path: (string | number)[]): number | undefined {
    let node: unknown = this.root;
    let line = this.lineAt(node);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
