// The Sheets reader through googleapis against the local fake of Google: service-account sign-in
// (a JWT signed with a throwaway RSA key), one spreadsheets.get and one values.batchGet per
// spreadsheet, retries on 429/5xx, and dates turned into ISO.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formattedDateToIso, normalizeCell } from '../../src/pull/dates.ts';
import { isRetryable, withRetry } from '../../src/pull/retry.ts';
import { CredentialsError, createSheetsReader, wholeSheetRange } from '../../src/pull/sheets-client.ts';
import { type FakeSheetsApi, startFakeSheetsApi } from '../fakes/sheets-api-server.ts';

let fake: FakeSheetsApi;
let dir: string;
let credentials: string;
const fastRetry = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };

beforeAll(async () => {
  fake = await startFakeSheetsApi();
  dir = mkdtempSync(join(tmpdir(), 'pull-client-'));
  credentials = fake.writeCredentials(join(dir, 'key.json'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.spreadsheets.clear();
  fake.spreadsheets.set('sheet-abc-1234567890', {
    title: 'Дорожная карта кластера',
    locale: 'ru_RU',
    sheets: [
      {
        sheetId: 0,
        title: "План 'основной'",
        values: [
          ['№', 'Мероприятие', 'Срок'],
          ['1.1', 'Совет', '10.02.2025'],
          [null, null, null],
        ],
      },
      { sheetId: 42, title: 'Протокол', values: [['Решение', 'Срок', 5, true]] },
      { sheetId: 7, title: 'Не нужен', values: [['x']] },
    ],
  });
});

describe('createSheetsReader', () => {
  it('signs in with the service account and reads every registered sheet in one batchGet', async () => {
    const reader = createSheetsReader({
      credentialsFile: credentials,
      rootUrl: fake.rootUrl,
      retry: fastRetry,
    });
    const book = await reader.read('sheet-abc-1234567890', [0, 42, 99]);
    expect(book.title).toBe('Дорожная карта кластера');
    expect(book.missing).toEqual([99]);
    expect(book.sheets).toEqual([
      {
        sheetId: 0,
        sheetName: "План 'основной'",
        values: [
          ['№', 'Мероприятие', 'Срок'],
          ['1.1', 'Совет', '10.02.2025'],
        ],
      },
      { sheetId: 42, sheetName: 'Протокол', values: [['Решение', 'Срок', 5, true]] },
    ]);
    const kinds = fake.requests.map((r) => `${r.kind}:${r.status}`);
    expect(kinds).toEqual(['token:200', 'get:200', 'batchGet:200']);
    const batch = fake.requests.find((r) => r.kind === 'batchGet')!;
    expect(batch.query.ranges).toEqual(["'План ''основной'''", "'Протокол'"]);
    expect(batch.query.valueRenderOption).toEqual(['UNFORMATTED_VALUE']);
    expect(batch.query.dateTimeRenderOption).toEqual(['FORMATTED_STRING']);
  });

  it('retries a 429 and a 503, then succeeds', async () => {
    const retries: (number | undefined)[] = [];
    const reader = createSheetsReader({
      credentialsFile: credentials,
      rootUrl: fake.rootUrl,
      retry: { ...fastRetry, onRetry: (i) => retries.push(i.status) },
    });
    fake.failNext('batchGet', 429, 1);
    fake.failNext('get', 503, 1);
    const book = await reader.read('sheet-abc-1234567890', [42]);
    expect(book.sheets[0].values[0][0]).toBe('Решение');
    expect(retries.sort()).toEqual([429, 503]);
    expect(fake.requests.filter((r) => r.kind === 'batchGet').map((r) => r.status)).toEqual([429, 200]);
  });

  it('gives up after the retries and reports the status', async () => {
    const reader = createSheetsReader({
      credentialsFile: credentials,
      rootUrl: fake.rootUrl,
      retry: fastRetry,
    });
    fake.failNext('batchGet', 500, 10);
    await expect(reader.read('sheet-abc-1234567890', [0])).rejects.toMatchObject({ status: 500 });
    expect(fake.requests.filter((r) => r.kind === 'batchGet')).toHaveLength(4);
  });

  it('does not retry a 404 (unknown spreadsheet)', async () => {
    const reader = createSheetsReader({
      credentialsFile: credentials,
      rootUrl: fake.rootUrl,
      retry: fastRetry,
    });
    await expect(reader.read('no-such-spreadsheet-123', [0])).rejects.toMatchObject({ status: 404 });
    expect(fake.requests.filter((r) => r.kind === 'get')).toHaveLength(1);
  });

  it('refuses a key file without a private key', async () => {
    expect(() => createSheetsReader({ credentialsFile: join(dir, 'missing.json') })).toThrow(
      CredentialsError,
    );
  });
});

describe('retry and dates', () => {
  it('classifies statuses', () => {
    expect(isRetryable({ response: { status: 429 } })).toBe(true);
    expect(isRetryable({ status: 502 })).toBe(true);
    expect(isRetryable({ status: 403 })).toBe(false);
    expect(isRetryable({ code: 'ECONNRESET' })).toBe(true);
  });

  it('waits with growing delays', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw { status: 503 };
        return 'ok';
      },
      { retries: 5, baseDelayMs: 100, maxDelayMs: 1000, sleep: async (ms) => void waits.push(ms) },
    );
    expect(value).toBe('ok');
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
  });

  it('turns locale-formatted dates into ISO and leaves other text alone', () => {
    expect(formattedDateToIso('10.02.2025', 'ru_RU')).toBe('2025-02-10');
    expect(formattedDateToIso('2/10/2025', 'en_US')).toBe('2025-02-10');
    expect(formattedDateToIso('10/02/2025', 'en_GB')).toBe('2025-02-10');
    expect(formattedDateToIso('31.02.2025', 'ru_RU')).toBeNull();
    expect(normalizeCell('сентябрь 2024 г.', 'ru_RU')).toBe('сентябрь 2024 г.');
    expect(normalizeCell(45698, 'ru_RU')).toBe(45698);
    expect(wholeSheetRange("It's")).toBe("'It''s'");
  });
});
