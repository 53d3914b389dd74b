#!/usr/bin/env node
import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createApp, createLogger, prepareDatabase } from '../bootstrap';
import { BundleRejectedError } from '../common/domain-errors';
import { envTable, loadConfig } from '../config/app-config';
import { BundleFiles, readBundleDir, readBundleZip } from '../papers/bundle/bundle-files';
import { BundleError } from '../papers/bundle/bundle.types';
import { validateBundle } from '../papers/bundle/validate-bundle';
import { PapersImportService } from '../papers/papers-import.service';
import { Role, ROLES } from '../auth/roles';
import { UsersService } from '../users/users.service';
import { gradeCommand } from './grade.command';
import { modelsCommand, runsCommand } from './runs.command';

const USAGE = `yuejuan <command>

  papers validate <path>...           check bundles (folders or zips) without a database
  papers import <path>... [--publish]  import bundles; a folder of bundle folders imports each
  models add <name> --model-id <id> [--base-url <url>] [--modality text|vision] [--concurrency n] [--key-env VAR]
  models list                         the registered models
  runs start --papers <slug,…> --models <name,…> [--follow]
                                      start a run (this process sends the requests while it follows)
  runs status <run id> [--follow]     progress per model, with a live bar
  users create <username> --role <role>... [--name <display name>]
                                      create an account; the password is read from stdin
  grade <in.jsonl> [--out <file>]     grade responses with their questions inline (docs/grading.md); no database
  migrate                             apply pending database migrations
  config table                        print the environment variables as a Markdown table
`;

function formatError(e: BundleError): string {
  return `${e.file}${e.line ? `:${e.line}` : ''}${e.path ? ` ${e.path}` : ''}: ${e.message}`;
}

/** Expands each argument into bundles: a zip, a bundle folder, or a folder of bundle folders. */
async function bundlesOf(
  paths: string[],
  rubricsDir: string,
): Promise<{ name: string; files: BundleFiles }[]> {
  const zips = new Map<string, BundleFiles>();
  for (const p of paths) {
    const full = resolve(p);
    if (existsSync(full) && statSync(full).isFile())
      zips.set(
        p,
        await readBundleZip(readFileSync(full), { maxFiles: 5000, maxTotalBytes: 1 << 30 }),
      );
  }
  return paths.flatMap((p) => {
    const full = resolve(p);
    if (!existsSync(full)) throw new Error(`${p}: no such file or folder`);
    if (zips.has(p)) return [{ name: p, files: zips.get(p)! }];
    const one = (dir: string) => {
      const rubric = join(rubricsDir, `${basename(dir)}.rubric.yaml`);
      return { name: dir, files: readBundleDir(dir, existsSync(rubric) ? rubric : undefined) };
    };
    if (existsSync(join(full, 'paper.yaml')) || existsSync(join(full, 'paper.json')))
      return [one(full)];
    return readdirSync(full, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(full, d.name, 'paper.yaml')))
      .map((d) => one(join(full, d.name)));
  });
}

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const args = rest.filter(
    (a, i) =>
      !a.startsWith('--') &&
      !rest[i - 1]?.match(
        /^--(role|name|papers|models|model-id|base-url|modality|concurrency|key-env)$/,
      ),
  );
  const values = (flag: string) => rest.flatMap((a, i) => (rest[i - 1] === flag ? [a] : []));
  if (group === 'grade') return gradeCommand(command, values('--out')[0]);
  const config = loadConfig();
  if (group === 'config' && command === 'table') {
    console.log(envTable());
    return 0;
  }
  if (group === 'papers' && command === 'validate') {
    let bad = 0;
    for (const b of await bundlesOf(args, config.rubricsDir)) {
      const r = validateBundle(b.files);
      if (r.ok) console.log(`ok      ${b.name}  ${r.bundle.contentHash.slice(0, 12)}`);
      else {
        bad += 1;
        console.log(`invalid ${b.name}`);
        for (const e of r.errors) console.log(`  ${formatError(e)}`);
      }
    }
    return bad ? 1 : 0;
  }
  const logger = createLogger({ ...config, logLevel: 'warn' });
  // Beside a running server the CLI shares its embedded PostgreSQL instead of refusing to start.
  const { url, embedded } = await prepareDatabase(config, logger, { isSharingAllowed: true });
  // The embedded PostgreSQL runs in its own process group, out of reach of Ctrl-C: stop it here
  // rather than leave it behind (claims of `runs --follow` are taken back once this process is gone).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(
      signal,
      () => void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(130)),
    );
  try {
    if (group === 'migrate') return 0;
    if (group === 'models') {
      const app = await createApp(
        { ...config, collection: { ...config.collection, isWorker: false } },
        url,
        logger,
      );
      try {
        return await modelsCommand(app, command, args, values);
      } finally {
        await app.close();
      }
    }
    if (group === 'runs') {
      // Following a run keeps this process alive as a collection worker; a plain status call does not send requests.
      const isFollow = flags.has('--follow');
      const app = await createApp(
        { ...config, collection: { ...config.collection, isWorker: isFollow } },
        url,
        logger,
      );
      try {
        return await runsCommand(app, command, args, values, isFollow);
      } finally {
        await app.close();
      }
    }
    if (group === 'users' && command === 'create') {
      const roles = values('--role');
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (!args[0] || !roles.length || bad.length) {
        console.error(
          `usage: users create <username> --role <${ROLES.join('|')}>... (unknown: ${bad.join(', ') || 'none'})`,
        );
        return 2;
      }
      const password = (await readStdin()).trim();
      const app = await createApp(config, url, logger);
      try {
        const user = await app.get(UsersService).create(
          {
            username: args[0],
            displayName: values('--name')[0] ?? args[0],
            password,
            roles: roles as Role[],
          },
          { id: null, name: 'cli' },
        );
        console.log(`created ${user.username} (${user.roles.join(', ')})`);
        return 0;
      } catch (e) {
        console.error(`not created: ${(e as Error).message}`);
        return 1;
      } finally {
        await app.close();
      }
    }
    if (group === 'papers' && command === 'import') {
      const app = await createApp(config, url, logger);
      const importer = app.get(PapersImportService);
      let bad = 0;
      for (const b of await bundlesOf(args, config.rubricsDir)) {
        try {
          const r = await importer.importBundle(
            b.files,
            { id: null, name: 'cli' },
            flags.has('--publish'),
          );
          console.log(
            `${r.status.padEnd(9)} ${r.slug} v${r.version} ${r.contentHash.slice(0, 12)}`,
          );
        } catch (e) {
          if (!(e instanceof BundleRejectedError)) throw e;
          bad += 1;
          console.log(`rejected  ${b.name} (nothing stored)`);
          for (const err of e.errors as BundleError[]) console.log(`  ${formatError(err)}`);
        }
      }
      await app.close();
      return bad ? 1 : 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await embedded?.stop();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stdout.write('password: ');
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (process.stdin.isTTY && String(c).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
