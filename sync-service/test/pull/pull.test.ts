// Pull end to end against the local fake of Google: registered sheets read with one batchGet per
// spreadsheet and fed through the sync path (both backends), a 429 retried, the `pull` command
// through the real bin, POST /api/v1/pull, and a scheduled pull that two `serve` processes on
// one store run once per interval.
// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are checked field by field
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pullSources } from '../../src/pull/pull.ts';
import { openStore } from '../../src/store/store.ts';
import { type FakeCell, type FakeSheetsApi, startFakeSheetsApi } from '../fakes/sheets-api-server.ts';
import { runBin } from '../helpers/cli.ts';
import { BACKENDS, type BackendName, type Harness, startHarness } from '../helpers/http-harness.ts';
import { type ServeProcess, startServe } from '../helpers/serve-process.ts';
import { processStore } from '../helpers/store-backends.ts';

const BOOK = 'book-1AbCdEfGhIjKlMn';
const OTHER_BOOK = 'book-2ZyXwVuTsRqPoN';

function sheet(
  rows: [string, string, string, string][],
  title = 'План работы кластера на 2099 год',
): FakeCell[][] {
  return [
    [title],
    [],
    ['№', 'Мероприятие', 'Ответственный', 'Срок исполнения'],
    ...rows.map((r) => [...r] as FakeCell[]),
  ];
}

function setBooks(fake: FakeSheetsApi) {
  fake.spreadsheets.set(BOOK, {
    title: 'Планы кластера',
    locale: 'ru_RU',
    sheets: [
      {
        sheetId: 0,
        title: 'План',
        values: sheet([
          ['1', 'Совет кластера', 'Председатель', '10.02.2099'],
          ['2', 'Форум', 'Колледж', 'март 2099'],
        ]),
      },
      {
        sheetId: 5,
        title: 'Решения',
        values: sheet([['1', 'Подготовить отчёт', 'Секретарь', '01.12.2099']]),
      },
    ],
  });
  fake.spreadsheets.set(OTHER_BOOK, {
    title: 'Другая таблица',
    sheets: [
      { sheetId: 9, title: 'Лист1', values: sheet([['1', 'Стажировка', 'Завод', 'IV квартал 2099']]) },
    ],
  });
}

describe.each(BACKENDS)('pull on %s', (backend: BackendName) => {
  let fake: FakeSheetsApi;
  let dir: string;
  let h: Harness;

  beforeAll(async () => {
    fake = await startFakeSheetsApi();
    dir = mkdtempSync(join(tmpdir(), 'pull-'));
    const credentials = fake.writeCredentials(join(dir, 'service-account.json'));
    h = await startHarness(backend, {
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
      SHEETS_API_ROOT_URL: fake.rootUrl,
    });
    expect(
      (
        await h.request('POST', '/api/v1/clusters', {
          json: { slug: 'pulled', name: 'P', region: 'R', newRegion: true },
        })
      ).status,
    ).toBe(201);
    for (const [spreadsheetId, sheetId] of [
      [BOOK, 0],
      [BOOK, 5],
      [OTHER_BOOK, 9],
    ] as const) {
      const res = await h.request('POST', '/api/v1/sources', {
        json: { cluster: 'pulled', spreadsheetId, sheetId },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    setBooks(fake);
    fake.requests.length = 0;
  });

  it('reads each spreadsheet with one batchGet and syncs every sheet', async () => {
    const results = await pullSources(h.services);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const batches = fake.requests.filter((r) => r.kind === 'batchGet');
    expect(batches.map((b) => b.spreadsheetId).sort()).toEqual([BOOK, OTHER_BOOK]);
    expect(batches.find((b) => b.spreadsheetId === BOOK)!.query.ranges).toEqual(["'План'", "'Решения'"]);
    const items = await h.services.store.items.list({ clusterSlugs: ['pulled'] });
    expect(items).toHaveLength(4);
    const council = items.find((i) => i.title === 'Совет кластера')!;
    expect(council.deadline).toMatchObject({ kind: 'date', due: '2099-02-10' });
    const sources = await h.services.store.sources.list({ kind: 'sheet' });
    expect(sources.map((s) => s.sheetName).sort()).toEqual(['Лист1', 'План', 'Решения']);
    const runs = await h.services.store.syncRuns.list({ clusterSlugs: ['pulled'] });
    expect(runs.every((r) => r.actor === 'pull')).toBe(true);
  });

  it('retries a 429 and then syncs; an unchanged sheet writes nothing', async () => {
    const before = await h.services.store.counts();
    fake.failNext('batchGet', 429, 1);
    const results = await pullSources(h.services);
    expect(results.every((r) => r.ok)).toBe(true);
    const statuses = fake.requests.filter((r) => r.kind === 'batchGet').map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    const after = await h.services.store.counts();
    expect(after.items).toBe(before.items);
    expect(after.events).toBe(before.events);
  });

  it('takes a changed cell into history and reports a sheet that is gone', async () => {
    const book = fake.spreadsheets.get(BOOK)!;
    book.sheets[0].values[3][3] = '20.02.2099';
    book.sheets.splice(1, 1);
    const results = await pullSources(h.services);
    const failed = results.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toContain('5');
    const changed = results.find((r) => r.ok && r.changed === 1);
    expect(changed).toBeDefined();
    const council = (await h.services.store.items.list({ clusterSlugs: ['pulled'], q: 'Совет' }))[0];
    const history = await h.services.store.items.history(council.id);
    expect(history.find((e) => e.type === 'deadline_moved')).toMatchObject({
      old: '2099-02-10',
      new: '2099-02-20',
    });
  });

  it('POST /api/v1/pull runs a pull for an admin only', async () => {
    const token = await h.token('cluster', 'pulled');
    expect((await h.request('POST', '/api/v1/pull', { token, json: {} })).status).toBe(403);
    const res = await h.request('POST', '/api/v1/pull', { json: {} });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(3);
  });
});

describe('pull command and scheduled pull', () => {
  let fake: FakeSheetsApi;
  let dir: string;
  let credentials: string;

  beforeAll(async () => {
    fake = await startFakeSheetsApi();
    dir = mkdtempSync(join(tmpdir(), 'pull-cli-'));
    credentials = fake.writeCredentials(join(dir, 'service-account.json'));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    setBooks(fake);
    fake.requests.length = 0;
  });

  async function prepare(env: Record<string, string>) {
    const run = async (args: string[]) => {
      const res = await runBin(args, { env });
      expect(res.code, res.stderr).toBe(0);
      return res;
    };
    await run(['cluster', 'add', 'pulled', '--name', 'P', '--region', 'R', '--new-region']);
    await run(['source', 'add', '--cluster', 'pulled', '--spreadsheet', BOOK, '--sheet-id', '0']);
  }

  it('cluster-sync pull reads the registered sheets', async () => {
    const env = {
      DATA_DIR: join(dir, 'cli-data'),
      DATABASE_URL: '',
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
      SHEETS_API_ROOT_URL: fake.rootUrl,
    };
    await prepare(env);
    const res = await runBin(['pull', '--json'], { env });
    expect(res.code, res.stderr).toBe(0);
    const { results } = JSON.parse(res.stdout);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: true, created: 2 });
    const wrong = await runBin(['pull', '--source', 'no-such-id'], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^Ошибка: .*no-such-id/);
  });

  it.each(BACKENDS)(
    'two serve processes on one %s store pull once per interval',
    async (backend) => {
      const db = await processStore(backend, join(dir, `scheduled-${backend}`));
      const intervalMs = 2000;
      const env = {
        ...db.env,
        GOOGLE_APPLICATION_CREDENTIALS: credentials,
        SHEETS_API_ROOT_URL: fake.rootUrl,
        PULL_INTERVAL_MINUTES: String(intervalMs / 60_000),
      };
      const servers: ServeProcess[] = [];
      try {
        await prepare(env);
        servers.push(await startServe(env), await startServe(env));
        await new Promise((r) => setTimeout(r, intervalMs * 3.5));
        for (const s of servers) s.child.kill('SIGTERM');
        expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
        const batches = fake.requests.filter((r) => r.kind === 'batchGet' && r.status === 200);
        expect(batches.length).toBeGreaterThanOrEqual(2);
        const slots = batches.map((b) => Math.floor(b.at / intervalMs));
        expect(new Set(slots).size).toBe(slots.length);
        const store = await openStore(db.config);
        try {
          const runs = await store.syncRuns.list({ clusterSlugs: ['pulled'] });
          expect(runs.filter((r) => r.actor === 'pull')).toHaveLength(batches.length);
          expect(await store.items.list({ clusterSlugs: ['pulled'] })).toHaveLength(2);
        } finally {
          await store.close();
        }
      } finally {
        for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
        await db.drop();
      }
    },
    40_000,
  );
});
