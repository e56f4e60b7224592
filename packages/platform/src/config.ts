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
  readonly charts: ChartsConfig;
  readonly jobs: {
    /** Background jobs this process runs at once; 0 makes it a web-only process. */
    readonly concurrency: number;
    /** How long a claimed job stays claimed without a heartbeat before another worker may retry it. */
    readonly leaseSeconds: number;
    readonly pollMilliseconds: number;
  };
}

/** Weekly charts: what each kind of support weighs, who counts as emerging, when to flag. */
export interface ChartsConfig {
  /** Points per supporter and event type; the price paid never multiplies them. */
  readonly weights: {
    readonly listen: number;
    readonly download: number;
    readonly purchase: number;
    readonly pick: number;
  };
  /** Artists (communities) with fewer lifetime unique listeners than this are on Rising. */
  readonly risingMaxListeners: number;
  /** Flag an entry when more than this share of its week's supporters are accounts under 48 hours old. */
  readonly freshFlagShare: number;
  /** Entries per chart. */
  readonly length: number;
}

/** Payments: which provider takes them, and the artist's share of each. */
export interface BillingConfig {
  readonly provider: 'sandbox' | 'stripe';
  /** Set exactly when the provider is Stripe; its return URLs use the top-level `publicUrl`. */
  readonly stripe: { readonly secretKey: string; readonly webhookSecret: string } | null;
  /** Basis points of every payment that go to the artist: 8000 (80 %) at least, the promise. */
  readonly artistShareBps: number;
  /** Signs the sandbox provider's webhooks; derived from the master key when unset. */
  readonly sandboxWebhookSecret: string | null;
  /** The largest digital product file (a course video can be big). */
  readonly maxProductBytes: number;
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
    billing: billingConfig(env, publicUrl),
    charts: {
      weights: chartWeights(env),
      risingMaxListeners: integer(env, 'COTERIE_RISING_MAX_LISTENERS', 10_000, 1, 1_000_000_000),
      freshFlagShare: integer(env, 'COTERIE_CHART_FRESH_FLAG_PERCENT', 50, 1, 100) / 100,
      length: integer(env, 'COTERIE_CHART_LENGTH', 40, 5, 200),
    },
    jobs: {
      concurrency: integer(env, 'COTERIE_JOB_CONCURRENCY', 1, 0, 64),
      leaseSeconds: integer(env, 'COTERIE_JOB_LEASE_SECONDS', 30, 1, 3600),
      pollMilliseconds: integer(env, 'COTERIE_JOB_POLL_MS', 1000, 10, 60_000),
    },
  };
  return deepFreeze(config);
}

function billingConfig(env: Env, publicUrl: string | undefined): BillingConfig {
  const provider = (text(env, 'COTERIE_PAYMENT_PROVIDER') ?? 'sandbox').toLowerCase();
  if (provider !== 'sandbox' && provider !== 'stripe') {
    throw new ConfigError('COTERIE_PAYMENT_PROVIDER', `must be sandbox or stripe, got "${provider}"`);
  }
  return {
    provider,
    stripe: provider === 'stripe' ? stripeConfig(env, publicUrl) : null,
    // Never below the promise: an instance may give artists more, never less.
    artistShareBps: integer(env, 'COTERIE_ARTIST_SHARE_BPS', 8000, 8000, 10_000),
    sandboxWebhookSecret: text(env, 'COTERIE_SANDBOX_WEBHOOK_SECRET') ?? null,
    maxProductBytes: integer(env, 'COTERIE_MAX_PRODUCT_BYTES', 2 * 1024 ** 3, 1024, 20 * 1024 ** 3),
  };
}

/** Refused at start when incomplete: a half-configured Stripe would take payments it cannot confirm. */
function stripeConfig(env: Env, publicUrl: string | undefined): NonNullable<BillingConfig['stripe']> {
  const required = 'is required when COTERIE_PAYMENT_PROVIDER=stripe';
  const secretKey = text(env, 'STRIPE_SECRET_KEY');
  if (secretKey === undefined) throw new ConfigError('STRIPE_SECRET_KEY', required);
  if (!/^(sk_test_|sk_live_|rk_test_|rk_live_)\w+$/.test(secretKey)) {
    throw new ConfigError('STRIPE_SECRET_KEY', 'must be a secret or restricted key (sk_… or rk_…)');
  }
  const webhookSecret = text(env, 'STRIPE_WEBHOOK_SECRET');
  if (webhookSecret === undefined) throw new ConfigError('STRIPE_WEBHOOK_SECRET', required);
  if (!/^whsec_\w+$/.test(webhookSecret)) {
    throw new ConfigError('STRIPE_WEBHOOK_SECRET', "must be the endpoint's signing secret (whsec_…)");
  }
  // Stripe sends buyers back to absolute URLs only.
  if (publicUrl === undefined) throw new ConfigError('COTERIE_PUBLIC_URL', required);
  return { secretKey, webhookSecret };
}

const CHART_EVENTS = ['listen', 'download', 'purchase', 'pick'] as const;

/** `purchase=4,pick=3,download=2,listen=1`: whole points from 0 to 100, each type named once. */
function chartWeights(env: Env): ChartsConfig['weights'] {
  const weights = { purchase: 4, pick: 3, download: 2, listen: 1 };
  const raw = text(env, 'COTERIE_CHART_WEIGHTS');
  if (raw === undefined) return weights;
  for (const part of raw.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (
      !name ||
      !(CHART_EVENTS as readonly string[]).includes(name) ||
      !value ||
      !/^\d{1,3}$/.test(value) ||
      Number(value) > 100
    ) {
      throw new ConfigError(
        'COTERIE_CHART_WEIGHTS',
        `must look like "purchase=4,pick=3,download=2,listen=1" (0 to 100 each), got "${raw}"`,
      );
    }
    weights[name as keyof typeof weights] = Number(value);
  }
  return weights;
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
