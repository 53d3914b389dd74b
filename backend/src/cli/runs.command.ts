import { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ModelProgress, RunsService } from '../collection/runs.service';
import { ModelCreateDto } from '../models/models.dto';
import { ModelsService } from '../models/models.service';
import { PapersService } from '../papers/papers.service';

type Progress = Awaited<ReturnType<RunsService['progress']>>;

/** A text progress bar per model, redrawn in place on a terminal. */
export function renderProgress(p: Progress, width = 30): string {
  const lines = p.models.map((m: ModelProgress) => {
    const done = m.answered + m.failed + m.notApplicable + m.cancelled;
    const filled = m.total ? Math.round((done / m.total) * width) : 0;
    const eta = m.etaSeconds === null ? '—' : `${m.etaSeconds}s`;
    return `${m.name.padEnd(24).slice(0, 24)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${m.total}  ok ${m.answered} failed ${m.failed} n/a ${m.notApplicable}  ${m.requestsPerSecond.toFixed(1)} req/s  eta ${eta}`;
  });
  return [`run ${p.id} · ${p.name} · ${p.status}`, ...lines].join('\n');
}

/** Resolves paper slugs or version ids (the latest version of each), and model names or ids. */
async function ids(app: INestApplicationContext, papers: string[], models: string[]) {
  const paperRows = await app.get(PapersService).latestVersionsOf(papers);
  const modelRows = (await app.get(ModelsService).list()).filter(
    (m) => models.includes(m.name) || models.includes(m.id),
  );
  if (paperRows.length !== papers.length)
    throw new Error(
      `unknown paper(s): ${papers.filter((p) => !paperRows.some((r) => r.id === p || r.slug === p)).join(', ')}`,
    );
  if (modelRows.length !== models.length)
    throw new Error(
      `unknown model(s): ${models.filter((m) => !modelRows.some((r) => r.id === m || r.name === m)).join(', ')}`,
    );
  return { paperIds: paperRows.map((r) => r.id), modelIds: modelRows.map((r) => r.id) };
}

/** `models add <name> --model-id <id> [--base-url <url>] [--modality text|vision] [--concurrency n] [--key-env VAR]` and `models list`. */
export async function modelsCommand(
  app: INestApplicationContext,
  command: string,
  args: string[],
  values: (flag: string) => string[],
): Promise<number> {
  const models = app.get(ModelsService);
  if (command === 'list') {
    for (const m of await models.list())
      console.log(
        `${m.name.padEnd(28)} ${m.modelId.padEnd(24)} ${m.modality.padEnd(6)} ${m.concurrency}∥  ${m.baseUrl ?? ''}`,
      );
    return 0;
  }
  const one = (flag: string) => values(flag)[0];
  const dto = plainToInstance(ModelCreateDto, {
    name: args[0],
    modelId: one('--model-id'),
    baseUrl: one('--base-url'),
    apiKeyEnv: one('--key-env'),
    modality: one('--modality') ?? 'text',
    concurrency: one('--concurrency') ? Number(one('--concurrency')) : undefined,
  });
  const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (command !== 'add' || problems.length) {
    for (const p of problems) console.error(Object.values(p.constraints ?? {}).join('; '));
    console.error(
      'usage: models add <name> --model-id <id> [--base-url <url>] [--modality text|vision] [--concurrency n] [--key-env VAR] | models list',
    );
    return 2;
  }
  const m = await models.create(dto, { id: null, name: 'cli' });
  console.log(`registered ${m.name} (${m.id})`);
  return 0;
}

export async function runsCommand(
  app: INestApplicationContext,
  command: string,
  args: string[],
  values: (flag: string) => string[],
  isFollow: boolean,
): Promise<number> {
  const runs = app.get(RunsService);
  let runId = args[0];
  if (command === 'start') {
    const { paperIds, modelIds } = await ids(
      app,
      values('--papers').flatMap((v) => v.split(',')),
      values('--models').flatMap((v) => v.split(',')),
    );
    runId = (
      await runs.create(
        { paperVersionIds: paperIds, modelIds, name: values('--name')[0] },
        { id: null, name: 'cli' },
      )
    ).id;
  } else if (command !== 'status' || !runId) {
    console.error(
      'usage: runs start --papers <slug,…> --models <name,…> [--name <n>] [--follow] | runs status <run id> [--follow]',
    );
    return 2;
  }
  const isTty = process.stdout.isTTY;
  for (;;) {
    const p = await runs.progress(runId);
    const text = renderProgress(p);
    if (isTty) process.stdout.write(`\x1b[2K\r${text.split('\n').join('\n\x1b[2K')}\n`);
    else console.log(text);
    if (!isFollow || p.status !== 'running')
      return p.models.some((m: ModelProgress) => m.failed > 0) ? 1 : 0;
    await sleep(1000);
    if (isTty) process.stdout.write(`\x1b[${text.split('\n').length}A`);
  }
}
