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
  it('weighs chart support as configured, with defaults for the rest', () => {
    expect(loadConfig({}).charts).toEqual({
      weights: { purchase: 4, pick: 3, download: 2, listen: 1 },
      risingMaxListeners: 10_000,
      freshFlagShare: 0.5,
      length: 40,
    });
    expect(loadConfig({ COTERIE_CHART_WEIGHTS: 'purchase=6, listen=0' }).charts.weights).toEqual({
      purchase: 6,
      pick: 3,
      download: 2,
      listen: 0,
    });
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
    ['COTERIE_CHART_WEIGHTS', 'purchase=4,share=9', /COTERIE_CHART_WEIGHTS must look like/],
    ['COTERIE_CHART_WEIGHTS', 'listen=101', /COTERIE_CHART_WEIGHTS must look like/],
    ['COTERIE_CHART_FRESH_FLAG_PERCENT', '0', /must be between 1 and 100/],
    ['COTERIE_MAX_PRODUCT_BYTES', '10', /COTERIE_MAX_PRODUCT_BYTES must be between/],
  ])('names the bad variable %s=%s', (name, value, message) => {
    const attempt = () => loadConfig({ [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  describe('with Stripe', () => {
    const stripe = {
      COTERIE_PAYMENT_PROVIDER: 'Stripe',
      STRIPE_SECRET_KEY: 'sk_test_51Abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
      COTERIE_PUBLIC_URL: 'https://coterie.example/ignored/path',
    };
    it('takes the keys and the public URL', () => {
      const config = loadConfig(stripe);
      expect(config.billing).toMatchObject({
        provider: 'stripe',
        stripe: { secretKey: 'sk_test_51Abc', webhookSecret: 'whsec_abc123' },
      });
      expect(config.publicUrl).toBe('https://coterie.example');
      expect(loadConfig({ ...stripe, STRIPE_SECRET_KEY: 'rk_live_9' }).billing.stripe?.secretKey).toBe(
        'rk_live_9',
      );
      expect(loadConfig({}).billing.stripe).toBeNull();
    });
    it.each([
      ['STRIPE_SECRET_KEY', undefined, /STRIPE_SECRET_KEY is required when COTERIE_PAYMENT_PROVIDER=stripe/],
      ['STRIPE_SECRET_KEY', 'pk_test_123', /STRIPE_SECRET_KEY must be a secret or restricted key/],
      ['STRIPE_WEBHOOK_SECRET', undefined, /STRIPE_WEBHOOK_SECRET is required/],
      ['STRIPE_WEBHOOK_SECRET', 'abc123', /STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret/],
      ['COTERIE_PUBLIC_URL', undefined, /COTERIE_PUBLIC_URL is required/],
      ['COTERIE_PUBLIC_URL', 'ftp://coterie.example', /COTERIE_PUBLIC_URL must start with http/],
    ])('names the missing or bad %s=%s', (name, value, message) => {
      const attempt = () => loadConfig({ ...stripe, [name]: value });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(message);
    });
  });
});
