import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32 } from 'node:zlib';
import { Entry, fromBuffer, ZipFile } from 'yauzl';
import type { ErrorParams } from '../../common/domain-errors';

/** A bundle in memory: relative path → bytes. Both the CLI (a folder) and HTTP (a zip) produce one. */
export type BundleFiles = Map<string, Uint8Array>;

export interface BundleLimits {
  maxFiles: number;
  maxTotalBytes: number;
}

/** Why a zip cannot be read as a bundle: a stable code with params, and an English message. */
export class BundleReadError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

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

/** macOS Finder adds resource forks under `__MACOSX/`: never content, skipped as a whole. */
const MAC_FORKS = /^__MACOSX\//;

/**
 * Unpacks a zip with yauzl, which reads the central directory, refuses absolute and `..` paths
 * and checks every entry's inflated size against the size its header declares (so a zip bomb
 * or a lying header stops at the declared size). Sizes are summed before anything is inflated,
 * and each entry's CRC-32 is checked after, which yauzl leaves to its caller. Hidden entries
 * (a path segment starting with `.`) and encrypted ones are refused by name, not dropped.
 * A single top-level folder is stripped.
 */
export async function readBundleZip(zip: Uint8Array, limits: BundleLimits): Promise<BundleFiles> {
  const zipfile = await open(zip);
  const entries = new Map<string, Uint8Array>();
  let declared = 0;
  try {
    for (let entry = await nextEntry(zipfile); entry; entry = await nextEntry(zipfile)) {
      const name = entry.fileName;
      if (name.endsWith('/') || MAC_FORKS.test(name)) continue;
      checkName(name, entry);
      if (entries.size + 1 > limits.maxFiles) {
        throw new BundleReadError(
          `the zip holds more than ${limits.maxFiles} files`,
          'zip.too_many_files',
          { max: limits.maxFiles },
        );
      }
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) {
        throw new BundleReadError(
          `the zip expands to more than ${limits.maxTotalBytes} bytes`,
          'zip.too_large',
          {
            max: limits.maxTotalBytes,
          },
        );
      }
      const data = await readEntry(zipfile, entry).catch((e: Error) => {
        throw new BundleReadError(
          `the zip is corrupt: "${name}" cannot be inflated to its declared size (${e.message})`,
          'zip.corrupt_entry',
          {
            entry: name,
            detail: e.message,
          },
        );
      });
      if (crc32(data) !== entry.crc32) {
        throw new BundleReadError(
          `the zip is corrupt: "${name}" does not match its checksum (CRC-32)`,
          'zip.corrupt_entry',
          {
            entry: name,
          },
        );
      }
      entries.set(name, data);
    }
  } catch (e) {
    throw asReadError(e);
  } finally {
    zipfile.close();
  }
  const names = [...entries.keys()];
  const prefix = commonFolder(names);
  return new Map(names.map((n) => [n.slice(prefix.length), entries.get(n)!]));
}

function checkName(name: string, entry: Entry) {
  const hidden = name.split('/').find((segment) => segment.startsWith('.'));
  if (hidden !== undefined) {
    throw new BundleReadError(
      `the zip holds the hidden entry "${name}"; remove hidden files and folders (names starting with ".") and zip again`,
      'zip.hidden_entry',
      { entry: name },
    );
  }
  if (entry.isEncrypted()) {
    throw new BundleReadError(
      `the zip is encrypted ("${name}" needs a password); zip the bundle again without a password`,
      'zip.encrypted',
      {
        entry: name,
      },
    );
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new BundleReadError(
      `"${name}" uses compression method ${entry.compressionMethod}; only stored and deflate are supported`,
      'zip.unsupported_compression',
      { entry: name, method: entry.compressionMethod },
    );
  }
}

function open(zip: Uint8Array): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    fromBuffer(
      Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength),
      { lazyEntries: true, strictFileNames: true },
      (err, z) => (err ? reject(asReadError(err)) : resolve(z)),
    ),
  );
}

/** The next entry, or null at the end; yauzl emits events, this turns them into one await each. */
function nextEntry(zipfile: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zipfile.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (e: Entry) => (cleanup(), resolve(e));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (e: Error) => (cleanup(), reject(e));
    zipfile.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zipfile.readEntry();
  });
}

function readEntry(zipfile: ZipFile, entry: Entry): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    zipfile.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    }),
  );
}

/** yauzl's own messages, said for an author: which entry, and what is wrong with it. */
function asReadError(e: unknown): BundleReadError {
  if (e instanceof BundleReadError) return e;
  const message = (e as Error).message ?? String(e);
  const unsafe =
    /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(message);
  if (unsafe) {
    return new BundleReadError(
      `the zip holds the unsafe path "${unsafe[2]}"; paths must stay inside the bundle`,
      'zip.unsafe_path',
      {
        entry: unsafe[2],
      },
    );
  }
  return new BundleReadError(`not a readable zip file (${message})`, 'zip.unreadable', {
    detail: message,
  });
}

function commonFolder(names: string[]): string {
  if (names.length === 0) return '';
  const first = names[0].split('/')[0] + '/';
  return names.every((n) => n.startsWith(first)) ? first : '';
}
