/** The problem shape every rejected input reports, defined once in @yuejuan/contracts (the client words it). */
export type { ErrorParams, ProblemDetail } from '@yuejuan/contracts';
