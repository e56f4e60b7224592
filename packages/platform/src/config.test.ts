import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults that run the embedded database with demo data', () => {
    const config = loadConfig({}, '/srv/coterie');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/coterie/data',
      databaseUrl: null,
      demo: true,
      secretKeyFile: '/srv/coterie/data/secret.key',
      adminEmails: [],
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.throttle)).toBe(true);
    expect(config.billing).toMatchObject({ provider: 'sandbox', artistShareBps: 8000 });
  });
  it('turns demo data off by default on PostgreSQL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/coterie' });
    expect(config.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', COTERIE_DEMO: 'on' }).demo).toBe(true);
  });
  it('normalises admin emails', () => {
    expect(loadConfig({ COTERIE_ADMIN_EMAILS: ' Ops@Example.com, b@example.com ,' }).adminEmails).toEqual([
      'ops@example.com',
      'b@example.com',
    ]);
  });
  it.each([
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with postgres/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL must be a valid URL/],
    ['COTERIE_DEMO', 'maybe', /COTERIE_DEMO must be true or false/],
    ['COTERIE_ADMIN_EMAILS', 'root', /COTERIE_ADMIN_EMAILS contains "root"/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['COTERIE_ARTIST_SHARE_BPS', '7999', /COTERIE_ARTIST_SHARE_BPS must be between 8000 and 10000/],
    ['COTERIE_PAYMENT_PROVIDER', 'paypal', /COTERIE_PAYMENT_PROVIDER must be sandbox or stripe/],
    ['COTERIE_PAYMENT_PROVIDER', 'stripe', /stripe is not available in this version yet/],
  ])('names the bad variable %s=%s', (name, value, message) => {
    const attempt = () => loadConfig({ [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });
});
