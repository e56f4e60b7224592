import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

type Write = (...args: unknown[]) => void;

/**
 * A request's logger (`request.log`), whose pino child is made the first time the request writes
 * a line at an enabled level. Most requests write none: making a child for each one (its bindings
 * serialized, its redaction set up) cost more CPU than a cached read's own work.
 */
export class RequestLogger {
  readonly #parent: Logger;
  readonly #bindings: Bindings;
  #child: Logger | null = null;

  constructor(parent: Logger, bindings: Bindings) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  get level(): string {
    return (this.#child ?? this.#parent).level;
  }

  set level(level: string) {
    this.#logger().level = level;
  }

  get msgPrefix(): string | undefined {
    return (this.#child ?? this.#parent).msgPrefix;
  }

  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level);
  }

  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.#logger().child(bindings, options);
  }

  #logger(): Logger {
    this.#child ??= this.#parent.child(this.#bindings);
    return this.#child;
  }

  #write(level: Level, args: unknown[]): void {
    if (!(this.#child ?? this.#parent).isLevelEnabled(level)) return;
    const logger = this.#logger();
    (logger[level] as Write).apply(logger, args);
  }
}

/**
 * Fastify's `childLoggerFactory`: a lazy child, unless the route asks for a level or serializers
 * of its own (then pino must build them now).
 */
export function requestLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  const parent = logger as unknown as Logger;
  if (options.level !== undefined || options.serializers !== undefined)
    return parent.child(bindings, options) as unknown as FastifyBaseLogger;
  return new RequestLogger(parent, bindings) as unknown as FastifyBaseLogger;
}
