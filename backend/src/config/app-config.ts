import { resolve } from 'node:path';

/**
 * The one place that reads process.env. Every variable is declared here with its default and
 * description; the README table is printed from this list (`yuejuan config table`).
 */
interface VarSpec {
  name: string;
  kind: 'string' | 'int' | 'bool' | 'enum' | 'url';
  default?: string;
  values?: string[];
  description: string;
}

const repoRoot = resolve(__dirname, '../../..');

export const ENV_VARS: VarSpec[] = [
  {
    name: 'PORT',
    kind: 'int',
    default: '3000',
    description: 'HTTP port for the API and the web app',
  },
  { name: 'HOST', kind: 'string', default: '0.0.0.0', description: 'Interface to listen on' },
  {
    name: 'DATABASE_URL',
    kind: 'url',
    description: 'PostgreSQL URL; when unset an embedded PostgreSQL is started under DATA_DIR',
  },
  {
    name: 'DATA_DIR',
    kind: 'string',
    default: '.data',
    description: 'Folder for the embedded database (relative to the repository)',
  },
  {
    name: 'EMBEDDED_PG_PORT',
    kind: 'int',
    default: '0',
    description: 'Port for the embedded PostgreSQL; 0 picks a free one',
  },
  {
    name: 'SEED_SAMPLES',
    kind: 'bool',
    default: 'true',
    description: 'Load exam-papers/ and rubrics/ when the database has no papers',
  },
  {
    name: 'SAMPLES_DIR',
    kind: 'string',
    default: 'exam-papers',
    description: 'Folder of sample paper bundles',
  },
  {
    name: 'RUBRICS_DIR',
    kind: 'string',
    default: 'rubrics',
    description: 'Folder of sample rubrics',
  },
  {
    name: 'WEB_DIST',
    kind: 'string',
    default: 'frontend/dist/frontend/browser',
    description: 'Built Angular app served at /',
  },
  {
    name: 'LOG_FORMAT',
    kind: 'enum',
    default: 'json',
    values: ['json', 'pretty'],
    description: 'Structured JSON logs, or readable lines',
  },
  {
    name: 'LOG_LEVEL',
    kind: 'enum',
    default: 'log',
    values: ['error', 'warn', 'log', 'debug', 'verbose'],
    description: 'Lowest level logged',
  },
  {
    name: 'UPLOAD_MAX_BYTES',
    kind: 'int',
    default: '52428800',
    description: 'Largest upload (zip bundle or PDF) in bytes',
  },
  {
    name: 'BUNDLE_MAX_FILES',
    kind: 'int',
    default: '2000',
    description: 'Most files a bundle zip may hold',
  },
  { name: 'PDF_MAX_PAGES', kind: 'int', default: '60', description: 'Most pages a PDF may have' },
  {
    name: 'IMAGE_MAX_BYTES',
    kind: 'int',
    default: '15728640',
    description: 'Largest single image in bytes',
  },
  {
    name: 'IMAGE_MAX_PIXELS',
    kind: 'int',
    default: '40000000',
    description: 'Largest image in pixels (width × height)',
  },
  {
    name: 'IMAGE_MAX_SIDE',
    kind: 'int',
    default: '3000',
    description: 'Stored originals are scaled down to this long side',
  },
  {
    name: 'CORS_ORIGINS',
    kind: 'string',
    default: '',
    description: 'Comma-separated origins allowed by CORS; empty means CORS is off',
  },
  {
    name: 'SESSION_IDLE_MINUTES',
    kind: 'int',
    default: '60',
    description: 'A session ends after this long without a request',
  },
  {
    name: 'SESSION_MAX_HOURS',
    kind: 'int',
    default: '12',
    description: 'A session ends this long after login, however active',
  },
  {
    name: 'SESSION_CACHE_MS',
    kind: 'int',
    default: '2000',
    description:
      'A live session is remembered this long per process (0: read on every request); revocations elsewhere take this long',
  },
  {
    name: 'COOKIE_SECURE',
    kind: 'bool',
    default: 'false',
    description: 'Send cookies over HTTPS only (set true behind TLS)',
  },
  {
    name: 'TRUST_PROXY',
    kind: 'bool',
    default: 'false',
    description: 'Take the client address from X-Forwarded-For (behind a reverse proxy)',
  },
  {
    name: 'LOGIN_MAX_FAILURES_PER_ACCOUNT',
    kind: 'int',
    default: '5',
    description:
      'Failed logins allowed per account from one client address within LOGIN_WINDOW_MINUTES',
  },
  {
    name: 'LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES',
    kind: 'int',
    default: '50',
    description:
      'Failed logins allowed per account from all addresses within LOGIN_ACCOUNT_WINDOW_MINUTES; addresses that signed in to it before are exempt',
  },
  {
    name: 'LOGIN_ACCOUNT_WINDOW_MINUTES',
    kind: 'int',
    default: '60',
    description: 'Window for the all-addresses account limit',
  },
  {
    name: 'LOGIN_MAX_FAILURES_PER_ADDRESS',
    kind: 'int',
    default: '30',
    description: 'Failed logins allowed per client address within LOGIN_WINDOW_MINUTES',
  },
  {
    name: 'LOGIN_WINDOW_MINUTES',
    kind: 'int',
    default: '15',
    description: 'Window for the per-address login rate limits',
  },
  {
    name: 'SEED_DEMO_ACCOUNTS',
    kind: 'bool',
    default: 'true',
    description:
      'Create one demo account per role when there are no users (turn off in production)',
  },
  {
    name: 'COLLECTION_WORKER',
    kind: 'bool',
    default: 'true',
    description:
      'This process is a worker: it sends model requests for running runs, grades new answers and creates marking tasks (turn off for an API-only process)',
  },
  {
    name: 'COLLECTION_LEASE_SECONDS',
    kind: 'int',
    default: '60',
    description:
      'A claimed request returns to the queue this long after its process stops renewing it (crash recovery)',
  },
  {
    name: 'COLLECTION_MAX_ATTEMPTS',
    kind: 'int',
    default: '6',
    description: 'Attempts per request before it is recorded as failed',
  },
  {
    name: 'GRADING_EXTRACTOR_MODEL',
    kind: 'string',
    description:
      'Name of a registered model that reads answers the rules cannot (optional; without it they go to teachers as unparsed)',
  },
  {
    name: 'COLLECTION_TIMEOUT_SECONDS',
    kind: 'int',
    default: '180',
    description: 'Timeout of one model request',
  },
  {
    name: 'COLLECTION_BACKOFF_BASE_MS',
    kind: 'int',
    default: '1000',
    description: 'First retry delay ceiling; doubles each attempt, with full jitter',
  },
  {
    name: 'COLLECTION_BACKOFF_MAX_MS',
    kind: 'int',
    default: '60000',
    description: 'Longest retry delay (also caps Retry-After)',
  },
  {
    name: 'MARKING_CALIBRATION_PERCENT',
    kind: 'int',
    default: '10',
    description:
      'Share (in %) of answers served to a teacher that are calibration items, while the question has any they have not read',
  },
  {
    name: 'JUDGE_VALIDATION_MIN_ANSWERS',
    kind: 'int',
    default: '30',
    description:
      'A judge is validated on a question only after comparison on at least this many human-marked answers',
  },
  {
    name: 'JUDGE_VALIDATION_MIN_HUMAN_PAIRS',
    kind: 'int',
    default: '10',
    description:
      'Double-marked answers (teacher against teacher) needed before their agreement is the bar a judge is measured against',
  },
  {
    name: 'JUDGE_VALIDATION_QWK_MARGIN',
    kind: 'int',
    default: '5',
    description:
      'In hundredths: a validated judge’s QWK with teachers is at most this far below the teachers’ QWK with each other (docs/judge.md)',
  },
  {
    name: 'JUDGE_VALIDATION_MAX_SMD',
    kind: 'int',
    default: '15',
    description:
      'In hundredths: largest absolute standardised mean difference of a validated judge against the final human score (docs/judge.md)',
  },
  {
    name: 'REPORT_SUBJECT_GROUPS',
    kind: 'string',
    default:
      'humanities=chinese,english,history,geography,politics;sciences=math,physics,chemistry,biology,science',
    description:
      'Subject grouping for the report (group=subject,subject;group=…); other subjects fall in "other"',
  },
  {
    name: 'ADMIN_USERNAME',
    kind: 'string',
    description: 'With ADMIN_PASSWORD: the first admin, created at start when no admin exists',
  },
  {
    name: 'ADMIN_PASSWORD',
    kind: 'string',
    description: 'Password of ADMIN_USERNAME (read once; never logged)',
  },
];

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  seedSamples: boolean;
  samplesDir: string;
  rubricsDir: string;
  webDist: string;
  logFormat: 'json' | 'pretty';
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  uploadMaxBytes: number;
  bundleMaxFiles: number;
  pdfMaxPages: number;
  imageMaxBytes: number;
  imageMaxPixels: number;
  imageMaxSide: number;
  corsOrigins: string[];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  sessionCacheMs: number;
  isCookieSecure: boolean;
  isProxyTrusted: boolean;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAccountAllAddresses: number;
  loginAccountWindowMinutes: number;
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
  seedDemoAccounts: boolean;
  collection: {
    isWorker: boolean;
    leaseSeconds: number;
    maxAttempts: number;
    timeoutMs: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
  };
  adminUsername: string | null;
  adminPassword: string | null;
  gradingExtractorModel: string | null;
  markingCalibrationPercent: number;
  /** The acceptance rule's thresholds (judge-quality/domain/acceptance-rule.ts), from JUDGE_VALIDATION_*. */
  judgeValidation: {
    minAnswers: number;
    minHumanPairs: number;
    maxQwkDrop: number;
    maxSmd: number;
  };
  /** subject → group, from REPORT_SUBJECT_GROUPS. */
  subjectGroups: Record<string, string>;
}

export class ConfigError extends Error {}

/** Validates the environment; throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const raw = (name: string) => {
    const spec = ENV_VARS.find((v) => v.name === name)!;
    const value = env[name] === undefined || env[name] === '' ? spec.default : env[name];
    if (value === undefined) return undefined;
    if (spec.kind === 'int' && !/^\d+$/.test(value))
      problems.push(`${name} must be a whole number, got "${value}"`);
    if (spec.kind === 'bool' && !['true', 'false', '1', '0'].includes(value))
      problems.push(`${name} must be true or false, got "${value}"`);
    if (spec.kind === 'enum' && !spec.values!.includes(value))
      problems.push(`${name} must be one of ${spec.values!.join(', ')}, got "${value}"`);
    if (spec.kind === 'url' && !/^postgres(ql)?:\/\/.+/.test(value))
      problems.push(`${name} must be a postgres:// URL`);
    return value;
  };
  const int = (n: string) => Number(raw(n));
  const path = (n: string) => resolve(repoRoot, raw(n)!);
  const bool = (n: string) => ['true', '1'].includes(raw(n)!);
  const config: AppConfig = {
    port: int('PORT'),
    host: raw('HOST')!,
    databaseUrl: raw('DATABASE_URL') ?? null,
    dataDir: path('DATA_DIR'),
    embeddedPgPort: int('EMBEDDED_PG_PORT'),
    seedSamples: bool('SEED_SAMPLES'),
    samplesDir: path('SAMPLES_DIR'),
    rubricsDir: path('RUBRICS_DIR'),
    webDist: path('WEB_DIST'),
    logFormat: raw('LOG_FORMAT') as AppConfig['logFormat'],
    logLevel: raw('LOG_LEVEL') as AppConfig['logLevel'],
    uploadMaxBytes: int('UPLOAD_MAX_BYTES'),
    bundleMaxFiles: int('BUNDLE_MAX_FILES'),
    pdfMaxPages: int('PDF_MAX_PAGES'),
    imageMaxBytes: int('IMAGE_MAX_BYTES'),
    imageMaxPixels: int('IMAGE_MAX_PIXELS'),
    imageMaxSide: int('IMAGE_MAX_SIDE'),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES'),
    sessionMaxHours: int('SESSION_MAX_HOURS'),
    sessionCacheMs: int('SESSION_CACHE_MS'),
    isCookieSecure: bool('COOKIE_SECURE'),
    isProxyTrusted: bool('TRUST_PROXY'),
    loginMaxFailuresPerAccount: int('LOGIN_MAX_FAILURES_PER_ACCOUNT'),
    loginMaxFailuresPerAccountAllAddresses: int('LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES'),
    loginAccountWindowMinutes: int('LOGIN_ACCOUNT_WINDOW_MINUTES'),
    loginMaxFailuresPerAddress: int('LOGIN_MAX_FAILURES_PER_ADDRESS'),
    loginWindowMinutes: int('LOGIN_WINDOW_MINUTES'),
    seedDemoAccounts: bool('SEED_DEMO_ACCOUNTS'),
    collection: {
      isWorker: bool('COLLECTION_WORKER'),
      leaseSeconds: int('COLLECTION_LEASE_SECONDS'),
      maxAttempts: int('COLLECTION_MAX_ATTEMPTS'),
      timeoutMs: int('COLLECTION_TIMEOUT_SECONDS') * 1000,
      backoffBaseMs: int('COLLECTION_BACKOFF_BASE_MS'),
      backoffMaxMs: int('COLLECTION_BACKOFF_MAX_MS'),
    },
    adminUsername: raw('ADMIN_USERNAME') ?? null,
    gradingExtractorModel: raw('GRADING_EXTRACTOR_MODEL') ?? null,
    adminPassword: raw('ADMIN_PASSWORD') ?? null,
    markingCalibrationPercent: int('MARKING_CALIBRATION_PERCENT'),
    judgeValidation: {
      minAnswers: int('JUDGE_VALIDATION_MIN_ANSWERS'),
      minHumanPairs: int('JUDGE_VALIDATION_MIN_HUMAN_PAIRS'),
      maxQwkDrop: int('JUDGE_VALIDATION_QWK_MARGIN') / 100,
      maxSmd: int('JUDGE_VALIDATION_MAX_SMD') / 100,
    },
    subjectGroups: parseGroups(raw('REPORT_SUBJECT_GROUPS')!, problems),
    corsOrigins: (raw('CORS_ORIGINS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
  if (config.markingCalibrationPercent > 100)
    problems.push(`MARKING_CALIBRATION_PERCENT must be at most 100`);
  if (config.port > 65535) problems.push(`PORT must be at most 65535, got ${config.port}`);
  if (!config.adminUsername !== !config.adminPassword)
    problems.push('ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  if (problems.length)
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

function parseGroups(value: string, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(';').filter((p) => p.trim())) {
    const [group, subjects] = part.split('=');
    if (!group?.trim() || !subjects?.trim())
      problems.push(`REPORT_SUBJECT_GROUPS: "${part}" must be group=subject,subject`);
    else for (const s of subjects.split(',')) out[s.trim()] = group.trim();
  }
  return out;
}

/** Markdown table of every variable, for the README. */
export function envTable(): string {
  const rows = ENV_VARS.map(
    (v) =>
      `| \`${v.name}\` | ${v.kind}${v.values ? ` (${v.values.join('/')})` : ''} | ${v.default === undefined ? '(unset)' : v.default === '' ? '(empty)' : `\`${v.default}\``} | ${v.description} |`,
  );
  return ['| Name | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

export const APP_CONFIG = Symbol('APP_CONFIG');
