import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadAppConfig, metricsAccess } from './app-config.js';

describe('loadAppConfig', () => {
  it('reads config/default.yaml with environment overrides', () => {
    const config = loadAppConfig({ PORT: '4000', DATA_DIR: '/tmp/x', NODE_ENV: 'test' });
    expect(config.server.port).toBe(4000);
    expect(config.storage.dataDir).toBe('/tmp/x');
    expect(config.storage.databaseUrl).toBeUndefined();
    expect(config.matching.thresholds.answer).toBeGreaterThan(0);
  });

  it('stops with a message naming the bad setting and its variable', () => {
    expect(() => loadAppConfig({ PORT: 'abc', NODE_ENV: 'test' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ PORT: '99999', NODE_ENV: 'test' })).toThrow(/server\.port（环境变量 PORT）/);
    expect(() => loadAppConfig({ DATABASE_URL: 'mysql://x', NODE_ENV: 'test' })).toThrow(/DATABASE_URL/);
  });

  it('reads TRUST_PROXY as a number of proxy hops (false = 0, true = 1) and refuses anything else', () => {
    expect(loadAppConfig({ NODE_ENV: 'test' }).security.trustProxy).toBe(0);
    expect(loadAppConfig({ TRUST_PROXY: 'true', NODE_ENV: 'test' }).security.trustProxy).toBe(1);
    expect(loadAppConfig({ TRUST_PROXY: '2', NODE_ENV: 'test' }).security.trustProxy).toBe(2);
    expect(loadAppConfig({ TRUST_PROXY: 'false', NODE_ENV: 'test' }).security.trustProxy).toBe(0);
    expect(() => loadAppConfig({ TRUST_PROXY: 'yes', NODE_ENV: 'test' })).toThrow(/TRUST_PROXY/);
  });

  it('reserves the integration name "console" (work orders staff register in the console carry it)', () => {
    const key = 'k'.repeat(20);
    expect(loadAppConfig({ HOTLINE_API_KEYS: `city:${key}`, NODE_ENV: 'test' }).hotline.apiKeys).toBe(`city:${key}`);
    for (const keys of [`console:${key}`, `city:${key},console:${key}`, `Console:${key}`]) {
      expect(() => loadAppConfig({ HOTLINE_API_KEYS: keys, NODE_ENV: 'test' })).toThrow(/“console”是保留名称/);
    }
  });

  it('keeps /metrics off in production unless METRICS_TOKEN is set; elsewhere open, or behind the token', () => {
    const token = 't'.repeat(20);
    expect(metricsAccess(loadAppConfig({ NODE_ENV: 'production' }))).toBe('off');
    expect(metricsAccess(loadAppConfig({ NODE_ENV: 'production', METRICS_TOKEN: token }))).toBe('token');
    expect(metricsAccess(loadAppConfig({ NODE_ENV: 'test' }))).toBe('open');
    expect(metricsAccess(loadAppConfig({ NODE_ENV: 'test', METRICS_TOKEN: token }))).toBe('token');
  });
});
