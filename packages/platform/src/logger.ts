import pino, { type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';

/** Paths that must never reach a log line, whatever a handler or plugin decides to log. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  'password',
];

export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        // Query strings can carry tokens (invite codes, checkout ids): keep the path only.
        url: req.url.split('?')[0],
      }),
    },
  };
}

/** JSON lines for machines; readable lines when a person is watching a terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>, options: { pretty?: boolean } = {}): Logger {
  if (options.pretty) {
    return pino(
      loggerOptions(config),
      pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }),
    );
  }
  // Lines gather in memory up to 4 KiB or a second, rather than one write to stdout (a system call)
  // per line, which a busy server logging every request pays thousands of times a second. pino
  // flushes what is left when the process exits.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => {
    try {
      destination.flush();
    } catch {
      // Not ready yet, or already closed: the next tick, or the exit, writes it.
    }
  }, 1_000).unref();
  return pino(loggerOptions(config), destination);
}
