/** Parameters that travel with an error code, for the client to put in words. */
export type ErrorParams = Record<string, string | number | boolean | null>;

/**
 * One problem inside a rejected input (a file, line, field or cell). `code` and `params` are the
 * stable, language-free form of `message`; they are optional only while older checks lack them.
 */
export interface ProblemDetail {
  code?: string;
  params?: ErrorParams;
  message: string;
}
