import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';

/** A bundle in memory: relative path → bytes. Both the CLI (a folder) and HTTP (a zip) produce one. */
export type BundleFiles = Map<string, Uint8Array>;

export interface BundleLimits {
  maxFiles: number;
  maxTotalBytes: number;
}

export class BundleReadError extends Error {}

/** Reads a bundle folder, optionally adding a rubric file that lives elsewhere (the repo's `rubrics/`). */
export function readBundleDir(dir: string, rubricFile?: string): BundleFiles {
  const files: BundleFiles = new Map();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split('\\').join('/'), readFileSync(full));
    }
  };
  walk(dir);
  if (rubricFile && !files.has('rubric.yaml')) files.set('rubric.yaml', readFileSync(rubricFile));
  return files;
}

/**
 * Unpacks a zip under limits checked before inflating (declared sizes) and after (real sizes),
 * so a zip bomb is refused rather than expanded. A single top-level folder is stripped.
 */
export function readBundleZip(zip: Uint8Array, limits: BundleLimits): BundleFiles {
  let declared = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (f) => {
        if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/') || /(^|\/)\./.test(f.name)) return false;
        count += 1;
        declared += f.originalSize;
        if (count > limits.maxFiles) throw new BundleReadError(`the zip holds more than ${limits.maxFiles} files`);
        if (declared > limits.maxTotalBytes) {
          throw new BundleReadError(`the zip expands to more than ${limits.maxTotalBytes} bytes`);
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof BundleReadError) throw e;
    throw new BundleReadError(`not a readable zip file (${(e as Error).message})`);
  }
  const names = Object.keys(entries);
  const total = names.reduce((n, k) => n + entries[k].length, 0);
  if (total > limits.maxTotalBytes) throw new BundleReadError(`the zip expands to more than ${limits.maxTotalBytes} bytes`);
  if (names.some((n) => n.includes('..') || n.startsWith('/'))) throw new BundleReadError('the zip has unsafe paths');
  const prefix = commonFolder(names);
  return new Map(names.map((n) => [n.slice(prefix.length), entries[n]]));
}

function commonFolder(names: string[]): string {
  if (names.length === 0) return '';
  const first = names[0].split('/')[0] + '/';
  return names.every((n) => n.startsWith(first)) ? first : '';
}
