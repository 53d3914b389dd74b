import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { constants } from 'node:zlib';

/** The Angular build names every script, style and font by its content hash: `main-Z2T65V2U.js`. */
const HASHED = /-[A-Z0-9]{8}\.(?:js|css|woff2?|ttf|eot|svg|png|jpe?g|gif|webp)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A year and never revalidated for hashed files (a new build has new names); everything else revalidates. */
export function cacheControlFor(path: string): string {
  return HASHED.test(basename(path)) ? IMMUTABLE : 'no-cache';
}

/**
 * Compressed responses (brotli when the client accepts it, else gzip) for the API and the web app,
 * with the `compression` middleware (expressjs); and the web app's files with cache headers that
 * fit them. Registered before the routes and before the web app's own static handler, so it serves
 * every file the build has; index.html and unknown paths fall through to the SPA fallback.
 */
export function installWebDelivery(app: NestExpressApplication, dist: string) {
  // Brotli quality 5: within a few percent of the best ratio for scripts at a fraction of the CPU
  // of the maximum (11), which matters on a small server also answering markers.
  app.use(compression({ brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } } }));
  if (!existsSync(join(dist, 'index.html'))) return;
  app.useStaticAssets(dist, {
    index: false,
    // Runs after serve-static has set its own Cache-Control, so ours is the one sent.
    setHeaders: (res: Response, path: string) =>
      res.setHeader('Cache-Control', cacheControlFor(path)),
  });
}
