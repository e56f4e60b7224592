import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../logger.ts';
import { RequestLogger, requestLoggerFactory } from './request-logger.ts';

function capture(level: string): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = pino(loggerOptions({ logLevel: level as 'info' }), {
    write: (line: string) => out.push(line),
  });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('request logger', () => {
  it('writes enabled lines with the request bindings and redaction, and skips disabled ones', () => {
    const { logger, lines } = capture('info');
    const log = new RequestLogger(logger, { reqId: 'req-7' });
    log.debug('not at info');
    log.info({ password: 'hunter2', n: 1 }, 'hello %s', 'there');
    log.error(new Error('boom'));
    const written = lines();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatchObject({ reqId: 'req-7', n: 1, password: '[redacted]', msg: 'hello there' });
    expect(written[1]).toMatchObject({ reqId: 'req-7', level: 50 });
    expect(JSON.stringify(written)).not.toContain('hunter2');
  });

  it('follows the parent level until given its own, and makes children that keep the bindings', () => {
    const { logger, lines } = capture('warn');
    const log = new RequestLogger(logger, { reqId: 'req-8' });
    expect(log.level).toBe('warn');
    expect(log.isLevelEnabled('info')).toBe(false);
    log.level = 'debug';
    expect(logger.level).toBe('warn');
    log.debug('now visible');
    log.child({ step: 'inner' }).info('from a child');
    expect(lines().map((l) => [l.reqId, l.msg, l.step])).toEqual([
      ['req-8', 'now visible', undefined],
      ['req-8', 'from a child', 'inner'],
    ]);
  });

  it('is a plain pino child when a route asks for its own level or serializers', () => {
    const { logger } = capture('info');
    const lazy = requestLoggerFactory(logger, { reqId: 'a' }, {});
    const eager = requestLoggerFactory(logger, { reqId: 'b' }, { level: 'debug' });
    expect(lazy).toBeInstanceOf(RequestLogger);
    expect(eager).not.toBeInstanceOf(RequestLogger);
    expect(eager.level).toBe('debug');
  });
});
