import path from 'node:path';

/** Everything Coterie reads from its environment, validated once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** A real PostgreSQL when set; otherwise the embedded PGlite database lives in `dataDir`. */
  readonly databaseUrl: string | null;
  readonly adminEmails: readonly string[];
  readonly demo: boolean;
  readonly secretKeyFile: string;
  /** Public origin (scheme://host[:port]) used for CSRF origin checks behind proxies. */
  readonly publicUrl: string | null;
  readonly trustProxy: boolean;
  readonly bodyLimitBytes: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly webDistDir: string;
  readonly throttle: {
    readonly loginFailuresPerAccount: number;
    readonly loginFailuresPerIp: number;
    readonly loginWindowSeconds: number;
    readonly registrationsPerIpPerHour: number;
  };
  readonly sessionDays: number;
  readonly storage: StorageConfig;
  readonly music: {
    /** Largest track upload accepted (bytes). */
    readonly maxTrackBytes: number;
  };
  readonly discovery: {
    /** Curators one person may trust at once: a micro-elite, not a follow list. */
    readonly trustLimit: number;
    /** How often the collaborative-filtering neighbours are rebuilt, in minutes. */
    readonly rebuildMinutes: number;
  };
  readonly billing: BillingConfig;
  readonly jobs: {
    /** Background jobs this process runs at once; 0 makes it a web-only process. */
    readonly concurrency: number;
    /** How long a claimed job stays claimed without a heartbeat before another worker may retry it. */
    readonly leaseSeconds: number;
    readonly pollMilliseconds: number;
  };
}

/** Payments: which provider takes them, and the artist's share of each. */
export interface BillingConfig {
  readonly provider: 'sandbox';
  /** Basis points of every payment that go to the artist: 8000 (80 %) at least, the promise. */
  readonly artistShareBps: number;
  /** Signs the sandbox provider's webhooks; derived from the master key when unset. */
  readonly sandboxWebhookSecret: string | null;
}

/** Where files (audio originals and renditions) live: one disk, or any S3-compatible service. */
export type StorageConfig =
  | { readonly kind: 'local'; readonly dir: string }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly region: string;
      readonly endpoint: string | null;
      readonly accessKeyId: string | null;
      readonly secretAccessKey: string | null;
      readonly forcePathStyle: boolean;
      readonly prefix: string;
    };

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads and validates the environment. The only place in Coterie that looks at `process.env`;
 * everything else receives the frozen result through the app context.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const dataDir = path.resolve(cwd, text(env, 'COTERIE_DATA_DIR') ?? './data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']) ?? null;
  const adminEmails = (text(env, 'COTERIE_ADMIN_EMAILS') ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '');
  for (const email of adminEmails) {
    if (!EMAIL.test(email))
      throw new ConfigError('COTERIE_ADMIN_EMAILS', `contains "${email}", which is not an email`);
  }
  const publicUrl = url(env, 'COTERIE_PUBLIC_URL', ['http:', 'https:']);
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    dataDir,
    databaseUrl,
    adminEmails,
    demo: boolean(env, 'COTERIE_DEMO', databaseUrl === null),
    secretKeyFile: path.resolve(
      cwd,
      text(env, 'COTERIE_SECRET_KEY_FILE') ?? path.join(dataDir, 'secret.key'),
    ),
    publicUrl: publicUrl === undefined ? null : new URL(publicUrl).origin,
    trustProxy: boolean(env, 'COTERIE_TRUST_PROXY', false),
    bodyLimitBytes: integer(env, 'COTERIE_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    logLevel: logLevel as Config['logLevel'],
    webDistDir: path.resolve(cwd, text(env, 'COTERIE_WEB_DIST') ?? 'apps/web/dist'),
    throttle: {
      loginFailuresPerAccount: integer(env, 'COTERIE_LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      loginFailuresPerIp: integer(env, 'COTERIE_LOGIN_FAILURES_PER_IP', 30, 1, 100000),
      loginWindowSeconds: integer(env, 'COTERIE_LOGIN_WINDOW_SECONDS', 900, 1, 86400),
      registrationsPerIpPerHour: integer(env, 'COTERIE_REGISTRATIONS_PER_IP_PER_HOUR', 20, 1, 100000),
    },
    sessionDays: integer(env, 'COTERIE_SESSION_DAYS', 30, 1, 365),
    storage: storageConfig(env, dataDir),
    music: {
      maxTrackBytes: integer(env, 'COTERIE_MAX_TRACK_BYTES', 300 * 1024 * 1024, 1024, 10 * 1024 ** 3),
    },
    discovery: {
      trustLimit: integer(env, 'COTERIE_TRUST_LIMIT', 12, 1, 1000),
      rebuildMinutes: integer(env, 'COTERIE_DISCOVERY_REBUILD_MINUTES', 60, 1, 7 * 24 * 60),
    },
    billing: billingConfig(env),
    jobs: {
      concurrency: integer(env, 'COTERIE_JOB_CONCURRENCY', 1, 0, 64),
      leaseSeconds: integer(env, 'COTERIE_JOB_LEASE_SECONDS', 30, 1, 3600),
      pollMilliseconds: integer(env, 'COTERIE_JOB_POLL_MS', 1000, 10, 60_000),
    },
  };
  return deepFreeze(config);
}

function billingConfig(env: Env): BillingConfig {
  const provider = (text(env, 'COTERIE_PAYMENT_PROVIDER') ?? 'sandbox').toLowerCase();
  if (provider !== 'sandbox' && provider !== 'stripe') {
    throw new ConfigError('COTERIE_PAYMENT_PROVIDER', `must be sandbox or stripe, got "${provider}"`);
  }
  // Refused rather than silently served by the sandbox until the Stripe adapter lands.
  if (provider === 'stripe') {
    throw new ConfigError(
      'COTERIE_PAYMENT_PROVIDER',
      'stripe is not available in this version yet; use sandbox',
    );
  }
  return {
    provider,
    // Never below the promise: an instance may give artists more, never less.
    artistShareBps: integer(env, 'COTERIE_ARTIST_SHARE_BPS', 8000, 8000, 10_000),
    sandboxWebhookSecret: text(env, 'COTERIE_SANDBOX_WEBHOOK_SECRET') ?? null,
  };
}

function storageConfig(env: Env, dataDir: string): StorageConfig {
  const kind = (text(env, 'COTERIE_STORAGE') ?? 'local').toLowerCase();
  if (kind === 'local') return { kind, dir: path.join(dataDir, 'files') };
  if (kind !== 's3') throw new ConfigError('COTERIE_STORAGE', `must be local or s3, got "${kind}"`);
  const bucket = text(env, 'COTERIE_S3_BUCKET');
  if (bucket === undefined) throw new ConfigError('COTERIE_S3_BUCKET', 'is required when COTERIE_STORAGE=s3');
  return {
    kind,
    bucket,
    region: text(env, 'COTERIE_S3_REGION') ?? 'us-east-1',
    endpoint: url(env, 'COTERIE_S3_ENDPOINT', ['http:', 'https:']) ?? null,
    accessKeyId: text(env, 'COTERIE_S3_ACCESS_KEY_ID') ?? null,
    secretAccessKey: text(env, 'COTERIE_S3_SECRET_ACCESS_KEY') ?? null,
    forcePathStyle: boolean(env, 'COTERIE_S3_FORCE_PATH_STYLE', false),
    prefix: (text(env, 'COTERIE_S3_PREFIX') ?? '').replace(/^\/+|\/+$/g, ''),
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner);
  }
  return Object.freeze(value);
}
