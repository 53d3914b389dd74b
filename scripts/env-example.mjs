#!/usr/bin/env node
/**
 * `.env.example` is printed from the config table (ENV_VARS in backend/src/config/app-config.ts),
 * so it cannot drift from what the app reads:
 *   node scripts/env-example.mjs           write it (`npm run env:example`)
 *   node scripts/env-example.mjs --check   the lint step: fails when the file is not current
 * The TypeScript source is transpiled in memory (TypeScript is a root devDependency), so this runs
 * before any build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'backend/src/config/app-config.ts');
// ENV_EXAMPLE: another path, for the script's own test.
const target = process.env.ENV_EXAMPLE ?? join(root, '.env.example');

function loadEnvVars() {
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} };
  new Function('exports', 'require', 'module', '__filename', '__dirname', outputText)(
    module.exports,
    createRequire(source),
    module,
    source,
    dirname(source),
  );
  return module.exports.ENV_VARS;
}

export function render(vars) {
  const lines = [
    '# Generated from backend/src/config/app-config.ts by `npm run env:example`: do not edit by hand',
    '# (the lint step fails when this file is not current).',
    '# Export these in your shell or service manager: the app reads the environment only, it does not',
    '# load a .env file. Every variable is optional; each line shows its default (empty: unset).',
  ];
  for (const v of vars) {
    const kind = v.values ? `${v.kind}: ${v.values.join(' | ')}` : v.kind;
    lines.push('', `# ${v.description} (${kind})`, `# ${v.name}=${v.default ?? ''}`);
  }
  return lines.join('\n') + '\n';
}

const wanted = render(loadEnvVars());
if (process.argv[2] === '--check') {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== wanted) {
    console.error(
      '✗ .env.example is not current with backend/src/config/app-config.ts: run `npm run env:example`',
    );
    process.exit(1);
  }
  console.log('✓ .env.example matches the config table');
} else {
  writeFileSync(target, wanted);
  console.log(
    `wrote .env.example (${wanted.split('\n').filter((l) => /^# [A-Z_]+=/.test(l)).length} variables)`,
  );
}
