import { ConsoleLogger, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { installWebDelivery } from './common/web-delivery';
import { AppConfig } from './config/app-config';
import { migrate } from './database/data-source';
import {
  EmbeddedDatabase,
  EmbeddedOptions,
  startEmbeddedPostgres,
} from './database/embedded-postgres';
import { HttpDrain } from './http-drain';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(config: AppConfig): ConsoleLogger {
  return new ConsoleLogger({
    json: config.logFormat === 'json',
    logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
}

/** Uses DATABASE_URL, or starts the embedded PostgreSQL; then migrates under an advisory lock. */
export async function prepareDatabase(
  config: AppConfig,
  logger: ConsoleLogger,
  options: EmbeddedOptions = {},
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(
      config.dataDir,
      config.embeddedPgPort,
      (m) => logger.log(m, 'Database'),
      options,
    );
    url = embedded.url;
  }
  try {
    await migrate(url, (m) => logger.log(m, 'Database'));
  } catch (e) {
    // Stopped here, the embedded PostgreSQL would outlive us as an orphan.
    await embedded?.stop();
    throw e;
  }
  return { url, embedded };
}

const drains = new WeakMap<NestExpressApplication, HttpDrain>();

/** The app's HTTP drain: the first step of an orderly shutdown (see main.ts). */
export function httpDrainOf(app: NestExpressApplication): HttpDrain {
  return drains.get(app)!;
}

export async function createApp(
  config: AppConfig,
  url: string,
  logger: ConsoleLogger | false = false,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, url), {
    logger: logger === false ? false : logger,
    bodyParser: false,
  });
  configureApp(app, config);
  await app.init();
  return app;
}

/** Everything about the HTTP surface that both the server and the API tests need. */
export function configureApp(app: NestExpressApplication, config: AppConfig) {
  const drain = new HttpDrain();
  drains.set(app, drain);
  app.use(drain.middleware);
  app.useBodyParser('json', { limit: '1mb' });
  // The batch grader takes JSONL as it is written to files.
  app.useBodyParser('text', {
    type: ['application/x-ndjson', 'application/jsonl', 'text/plain'],
    limit: '50mb',
  });
  app.set('trust proxy', config.isProxyTrusted);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // KaTeX positions glyphs with inline styles; Angular Material injects styles too.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'object-src': ["'none'"],
        },
      },
    }),
  );
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  const docs = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Yuejuan API')
      .setDescription('K12 exam grading workbench')
      .setVersion('0.1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, docs);
  installWebDelivery(app, config.webDist);
  serveWebApp(app, config.webDist);
}

/** The Angular app on the same port: files as they are, any other non-API path gets index.html. */
function serveWebApp(app: NestExpressApplication, dist: string) {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(dist, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
