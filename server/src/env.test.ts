import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, invocationDir, loadDotEnv, loadEnv } from './env.js';

describe('loadEnv', () => {
  it('applies defaults for the embedded database', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './data', SEED_ON_EMPTY: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it('names the variable when a value is bad', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadEnv({ SEED_ON_EMPTY: 'maybe' })).toThrow(/SEED_ON_EMPTY/);
  });

  it('TRUST_PROXY: off by default; a hop count or addresses and CIDRs; anything else names the variable', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    for (const off of ['', 'off', 'false', '0']) expect(loadEnv({ TRUST_PROXY: off }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadEnv({ TRUST_PROXY: ' 10.0.0.0/8, 192.168.1.7 ,::1, fd00::/8 ' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '192.168.1.7', '::1', 'fd00::/8']);
    for (const bad of ['true', 'yes', '10.0.0.0/33', 'fd00::/129', '10.0.0', 'proxy.example', '10.0.0.1,', '99']) {
      expect(() => loadEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY: /);
    }
  });

  it('takes email settings as a pair, refusing a bad URL or sender with the variable named', () => {
    expect(loadEnv({ SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_FROM: 'Aionis <console@example.com>' })).toMatchObject({ SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_FROM: 'Aionis <console@example.com>' });
    expect(loadEnv({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'console@example.com' }).MAIL_FROM).toBe('console@example.com');
    expect(() => loadEnv({ SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'a@b.co' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadEnv({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM: must be an email address/);
    expect(() => loadEnv({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/SMTP_URL and MAIL_FROM: set both or neither/);
  });
});

describe('invocationDir and loadDotEnv', () => {
  it('reads relative paths from where the command was typed (pnpm says so in INIT_CWD)', () => {
    expect(invocationDir({ INIT_CWD: '/home/me/aionis' })).toBe('/home/me/aionis');
    expect(invocationDir({})).toBe(process.cwd());
  });

  it('loads .env from that directory, and variables already set win over the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aionis-env-'));
    try {
      await writeFile(path.join(dir, '.env'), 'AIONIS_TEST_FROM_FILE=file\nAIONIS_TEST_BOTH=file\n');
      process.env.AIONIS_TEST_BOTH = 'environment';
      expect(loadDotEnv(dir)).toBe(path.join(dir, '.env'));
      expect(process.env.AIONIS_TEST_FROM_FILE).toBe('file');
      expect(process.env.AIONIS_TEST_BOTH).toBe('environment');
      expect(loadDotEnv(path.join(dir, 'missing'))).toBeNull();
    } finally {
      delete process.env.AIONIS_TEST_FROM_FILE;
      delete process.env.AIONIS_TEST_BOTH;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('accepts LOG_FORMAT pretty or json only', () => {
    expect(loadEnv({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(() => loadEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('ALLOWED_ORIGINS and ALLOWED_HOSTS', () => {
  it('are comma-separated lists, empty by default', () => {
    expect(loadEnv({})).toMatchObject({ ALLOWED_ORIGINS: [], ALLOWED_HOSTS: [] });
    expect(loadEnv({ ALLOWED_ORIGINS: 'https://a.example.test, http://b.example.test:8080/', ALLOWED_HOSTS: 'Console.Example.test,10.0.0.5:3000,[::1]:3000' })).toMatchObject({
      ALLOWED_ORIGINS: ['https://a.example.test', 'http://b.example.test:8080'],
      ALLOWED_HOSTS: ['console.example.test', '10.0.0.5:3000', '[::1]:3000'],
    });
  });

  it('name the variable and the entry when one is not an origin or a host', () => {
    expect(() => loadEnv({ ALLOWED_ORIGINS: 'https://a.example.test,https://b.example.test/path' })).toThrow(/ALLOWED_ORIGINS\.1: each entry must be an origin/);
    expect(() => loadEnv({ ALLOWED_ORIGINS: 'a.example.test' })).toThrow(/ALLOWED_ORIGINS\.0/);
    expect(() => loadEnv({ ALLOWED_HOSTS: 'http://console.example.test' })).toThrow(/ALLOWED_HOSTS\.0: each entry must be a host name/);
    expect(() => loadEnv({ ALLOWED_HOSTS: 'a b' })).toThrow(/ALLOWED_HOSTS/);
  });
});
