// The service's settings from the environment, checked by zod: defaults, overrides, and a wrong
// value named in one line.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, todayIn } from '../src/config.ts';

describe('loadConfig', () => {
  it('has defaults for everything: embedded store in ./data, Europe/Moscow, 14 days', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/app/data',
      databaseUrl: undefined,
      soonDays: 14,
      timeZone: 'Europe/Moscow',
      logLevel: 'info',
      bodyLimit: '20mb',
      pullIntervalMinutes: 0,
      googleCredentials: undefined,
      throttle: { authFailBurst: 10, authFailWindowSeconds: 60, tokenRatePerMinute: 600 },
    });
    // An empty variable counts as unset (as `FOO= cluster-sync serve` gives it).
    expect(loadConfig({ PORT: '', DATABASE_URL: '', SOON_DAYS: '' }, '/srv/app')).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      soonDays: 14,
    });
  });

  it("bounds a report's process: small young generation, heap cap, time budget, temp folder", () => {
    expect(loadConfig({}, '/srv/app').report).toEqual({
      semiSpaceMb: 4,
      memoryMb: 512,
      timeoutMs: 900_000,
      tmpDir: tmpdir(),
    });
    expect(
      loadConfig(
        {
          REPORT_SEMI_SPACE_MB: '8',
          REPORT_MEMORY_MB: '1024',
          REPORT_TIMEOUT_SECONDS: '1.5',
          REPORT_TMP_DIR: 'tmp',
        },
        '/srv/app',
      ).report,
    ).toEqual({ semiSpaceMb: 8, memoryMb: 1024, timeoutMs: 1500, tmpDir: '/srv/app/tmp' });
    expect(() => loadConfig({ REPORT_SEMI_SPACE_MB: '0' })).toThrow(/^REPORT_SEMI_SPACE_MB=0: /);
    expect(() => loadConfig({ REPORT_MEMORY_MB: 'много' })).toThrow(/^REPORT_MEMORY_MB=много: /);
  });

  it('takes every variable', () => {
    const c = loadConfig(
      {
        PORT: '9000',
        HOST: '127.0.0.1',
        DATA_DIR: 'store',
        DATABASE_URL: 'postgresql://app@db:5432/roadmaps',
        SOON_DAYS: '7',
        APP_TIME_ZONE: 'Asia/Novosibirsk',
        LOG_LEVEL: 'debug',
        BODY_LIMIT: '5mb',
        PULL_INTERVAL_MINUTES: '30',
        GOOGLE_APPLICATION_CREDENTIALS: 'keys/sa.json',
        AUTH_FAIL_BURST: '5',
        AUTH_FAIL_WINDOW_SECONDS: '300',
        TOKEN_RATE_PER_MINUTE: '0',
      },
      '/srv/app',
    );
    expect(c).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/srv/app/store',
      databaseUrl: 'postgresql://app@db:5432/roadmaps',
      soonDays: 7,
      timeZone: 'Asia/Novosibirsk',
      logLevel: 'debug',
      bodyLimit: '5mb',
      pullIntervalMinutes: 30,
      googleCredentials: '/srv/app/keys/sa.json',
      throttle: { authFailBurst: 5, authFailWindowSeconds: 300, tokenRatePerMinute: 0 },
    });
  });

  it.each([
    ['PORT', 'восемь'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/roadmaps'],
    ['SOON_DAYS', '-1'],
    ['APP_TIME_ZONE', 'Mars/Olympus'],
    ['LOG_LEVEL', 'loud'],
    ['BODY_LIMIT', 'много'],
    ['PULL_INTERVAL_MINUTES', 'часто'],
    ['AUTH_FAIL_BURST', '0'],
    ['AUTH_FAIL_WINDOW_SECONDS', '1.5'],
    ['TOKEN_RATE_PER_MINUTE', '-1'],
  ])('a wrong %s=%s is one error naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}=${value}: \\S`));
  });
});

describe('todayIn', () => {
  it('is the date in the given time zone', () => {
    const evening = new Date('2025-01-01T20:30:00Z');
    expect(todayIn('Europe/Moscow', evening)).toBe('2025-01-01');
    expect(todayIn('Asia/Vladivostok', evening)).toBe('2025-01-02');
    expect(todayIn('Europe/Moscow', new Date('2025-01-01T21:00:00Z'))).toBe('2025-01-02');
  });
});
