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
  return pino(loggerOptions(config));
}
