/** A start-up failure worded for the person starting the server: what failed, and what to do about it. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The text printed for a failed start: never a bare `undefined` or a stack without a sentence. */
export function describeStartupFailure(e: unknown, phase: string): string {
  if (e instanceof StartupError)
    return `Yuejuan could not start: ${e.message}\n  What to do: ${e.hint}`;
  const err = e as NodeJS.ErrnoException | undefined;
  const message = err?.message || (e === undefined ? 'no reason given' : String(e));
  let hint = 'read the message above; if it persists, report it with the log.';
  if (err?.code === 'EADDRINUSE')
    hint = 'another program listens on that port: stop it, or set PORT to a free port.';
  else if (err?.code === 'EACCES' || err?.code === 'EPERM')
    hint = 'check the permissions of the folder or port named above.';
  else if (
    err?.code === 'ECONNREFUSED' ||
    err?.code === 'ENOTFOUND' ||
    /password authentication|does not exist/.test(message)
  )
    hint = 'check DATABASE_URL and that its PostgreSQL server is running and reachable.';
  return `Yuejuan could not start: ${phase} failed: ${message}\n  What to do: ${hint}`;
}
